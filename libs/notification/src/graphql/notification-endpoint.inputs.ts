import { InputText } from '@itsm/platform/graphql';
import { Field, InputType } from '@nestjs/graphql';
import type { EndpointChannel } from '../domain';
import { NotificationSchema } from './notification.schema-marker';
import { EndpointChannelGql } from './notification-enums';

@InputType('NotificationEndpointInput', { registerIn: NotificationSchema })
export class NotificationEndpointInput {
  @Field() name!: string;
  @Field(() => EndpointChannelGql) channel!: EndpointChannel;
  @Field({ description: 'https (http and private targets only where the deployment allows them); no credentials in it' }) @InputText('text') url!: string;
  @Field(() => String, { nullable: true, description: 'A mail address told (with the owner, who created the endpoint) when it is disabled; empty or null: none; left out: kept as it is' })
  @InputText('text')
  contact?: string | null;
}
