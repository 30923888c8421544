import { InputText } from '@itsm/platform/graphql';
import { Field, ID, InputType } from '@nestjs/graphql';
import type { TemplateKind } from '../domain/templates';
import { NotificationSchema } from './notification.schema-marker';
import { NotificationTemplateKindGql } from './notification-template.types';

const registerIn = NotificationSchema;

@InputType('NotificationTemplateVariantInput', { registerIn })
export class NotificationTemplateVariantInput {
  @Field() @InputText('id') locale!: string;
  @Field() @InputText('text') subject!: string;
  @Field() @InputText('text') text!: string;
  @Field(() => String, { nullable: true }) @InputText('text') html?: string | null;
}

@InputType('NotificationTemplateInput', { registerIn })
export class NotificationTemplateInput {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => NotificationTemplateKindGql, { defaultValue: 'event' }) kind!: TemplateKind;
  @Field(() => [String], { defaultValue: [] }) eventTypes!: string[];
  @Field(() => [NotificationTemplateVariantInput]) variants!: NotificationTemplateVariantInput[];
}
