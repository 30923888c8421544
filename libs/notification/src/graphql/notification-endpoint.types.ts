import { Connection, registerDomainEnum } from '@itsm/platform/graphql';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { EndpointChannel } from '../domain';
import { EndpointChannelGql } from './notification-enums';
import { NotificationSchema } from './notification.schema-marker';

const registerIn = NotificationSchema;

export const EndpointTestOutcomeKindGql = registerDomainEnum(['sent', 'retry', 'failed', 'disabled'] as const, { name: 'EndpointAttemptOutcome', registerIn });

@ObjectType('WebhookSecretInfo', { registerIn, description: 'An active signing secret, by id: the secret itself is shown once, when issued' })
export class WebhookSecretInfoGql {
  @Field(() => ID) id!: string;
  @Field() createdAt!: Date;
}

@ObjectType('NotificationEndpoint', { registerIn })
export class NotificationEndpointGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => EndpointChannelGql) channel!: EndpointChannel;
  @Field({ description: 'Where it posts, without the parts that carry credentials: a webhook without its query, a chat webhook as its origin only' }) target!: string;
  @Field() enabled!: boolean;
  @Field(() => String, { nullable: true, description: 'Why it is disabled (410 Gone, a revoked chat webhook, an admin)' }) disabledReason!: string | null;
  @Field(() => Date, { nullable: true }) disabledAt!: Date | null;
  @Field(() => Int, { description: 'Chat webhooks: "gone" answers in a row (3 over at least an hour disable it)' }) goneAnswers!: number;
  @Field(() => [WebhookSecretInfoGql], { description: 'Webhooks: one or two (during a rotation both sign)' }) secrets!: WebhookSecretInfoGql[];
  @Field(() => String, { nullable: true, description: 'Who is responsible: the user name that created it (told when it is disabled); null for endpoints kept before owners were' }) owner!: string | null;
  @Field(() => String, { nullable: true, description: 'The mail address told when it is disabled, or null' }) contact!: string | null;
}

@ObjectType('NotificationEndpointWithSecret', { registerIn })
export class NotificationEndpointWithSecretGql {
  @Field(() => NotificationEndpointGql) endpoint!: NotificationEndpointGql;
  @Field(() => String, { nullable: true, description: 'The signing secret just issued (whsec_...), shown this once; null when none was issued' }) secret!: string | null;
}

@ObjectType('EndpointTestResult', { registerIn, description: 'What a test message to an endpoint came to' })
export class EndpointTestResultGql {
  @Field(() => EndpointTestOutcomeKindGql) outcome!: 'sent' | 'retry' | 'failed' | 'disabled';
  @Field() detail!: string;
  @Field(() => Int, { nullable: true, description: 'retry: the wait the endpoint asked for (Retry-After) or the breaker imposes, in ms' }) retryAfterMs!: number | null;
}

export const NotificationEndpointConnectionGql = Connection(NotificationEndpointGql, { name: 'NotificationEndpoint', registerIn });
