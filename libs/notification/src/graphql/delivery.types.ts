import { Connection, registerDomainEnum } from '@itsm/platform/graphql';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DELIVERY_STATES } from '../domain/delivery';
import type { DeliveryState } from '../domain/delivery';
import { NotificationSchema } from './notification.schema-marker';

const registerIn = NotificationSchema;

export const NotificationDeliveryStateGql = registerDomainEnum(DELIVERY_STATES, {
  name: 'NotificationDeliveryState',
  registerIn,
  description: 'queued -> sending -> sent | retrying (-> sending ...) | failed | given_up; scheduled (deferred), digested, suppressed (with the reason)',
});

@ObjectType('InboxNotification', { registerIn, description: 'One entry of the caller\'s in-app inbox' })
export class InboxNotificationGql {
  @Field(() => ID) id!: string;
  @Field({ description: 'assignment, update, comment, approval, sla, major_incident, change, request, on_call or digest' }) category!: string;
  @Field() urgent!: boolean;
  @Field() subject!: string;
  @Field() text!: string;
  @Field(() => String, { nullable: true, description: 'The ticket number (INC0001234), when the notification is about a numbered ticket' }) ticketNumber!: string | null;
  @Field(() => String, { nullable: true, description: 'The portal link to the ticket' }) link!: string | null;
  @Field(() => Int, { description: 'How many events the entry reports (a digest, a coalesced storm: more than one)' }) itemCount!: number;
  @Field() createdAt!: Date;
  @Field() read!: boolean;
  @Field(() => Date, { nullable: true }) readAt!: Date | null;
}

@ObjectType('NotificationDeliveryOutcome', { registerIn, description: 'One attempt at a delivery, or a decision about it (given up, bounced)' })
export class NotificationDeliveryOutcomeGql {
  @Field() at!: Date;
  @Field({ description: 'sent, retry, failed, disabled, given_up or bounced' }) outcome!: string;
  @Field() detail!: string;
}

@ObjectType('NotificationDelivery', { registerIn, description: 'What happened to one notification for one recipient on one channel' })
export class NotificationDeliveryGql {
  @Field(() => ID) id!: string;
  @Field(() => [ID], { description: 'The events it reports' }) eventIds!: string[];
  @Field(() => ID, { nullable: true }) ticketId!: string | null;
  @Field(() => String, { nullable: true }) ticketNumber!: string | null;
  @Field({ description: 'person:<id>, address:<mail address> or endpoint:<id>' }) recipient!: string;
  @Field({ description: 'email, in_app, webhook, slack or teams' }) channel!: string;
  @Field() category!: string;
  @Field() urgent!: boolean;
  @Field(() => NotificationDeliveryStateGql) state!: DeliveryState;
  @Field(() => Int) attempts!: number;
  @Field(() => NotificationDeliveryOutcomeGql, { nullable: true }) lastOutcome!: NotificationDeliveryOutcomeGql | null;
  @Field(() => [NotificationDeliveryOutcomeGql]) history!: NotificationDeliveryOutcomeGql[];
  @Field(() => String, { nullable: true, description: 'Why it is suppressed, failed, given up or retrying; the digest holding it' }) reason!: string | null;
  @Field(() => Date, { nullable: true, description: 'When a scheduled or retrying delivery is tried next' }) nextAttemptAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The mail Message-ID or webhook-id, the same on every attempt' }) messageId!: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

export const InboxNotificationConnectionGql = Connection(InboxNotificationGql, { name: 'InboxNotification', registerIn });
export const NotificationDeliveryConnectionGql = Connection(NotificationDeliveryGql, { name: 'NotificationDelivery', registerIn });
