import { Connection, registerDomainEnum } from '@itsm/platform/graphql';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { TEMPLATE_KINDS } from '../domain/templates';
import type { TemplateKind } from '../domain/templates';
import { NotificationSchema } from './notification.schema-marker';

const registerIn = NotificationSchema;

export const NotificationTemplateKindGql = registerDomainEnum(TEMPLATE_KINDS, { name: 'NotificationTemplateKind', registerIn, description: 'event: written for event types; digest and on_call: for a kind of message' });

@ObjectType('NotificationTemplateVariant', { registerIn })
export class NotificationTemplateVariantGql {
  @Field() locale!: string;
  @Field({ description: 'Liquid source of the subject (plain text)' }) subject!: string;
  @Field({ description: 'Liquid source of the text (mail, chat, in-app)' }) text!: string;
  @Field(() => String, { nullable: true, description: 'Liquid source of the HTML (mail only; every output escaped)' }) html!: string | null;
}

@ObjectType('NotificationTemplate', { registerIn })
export class NotificationTemplateGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => NotificationTemplateKindGql) kind!: TemplateKind;
  @Field(() => [String], { description: 'The event types `event.*` is checked against (none: the fixed context only)' }) eventTypes!: string[];
  @Field(() => [NotificationTemplateVariantGql]) variants!: NotificationTemplateVariantGql[];
  @Field({ description: 'Shipped with the context (not saved by an admin)' }) builtIn!: boolean;
}

@ObjectType('RenderedNotification', { registerIn })
export class RenderedNotificationGql {
  @Field({ description: 'The variant rendered (after fallback)' }) locale!: string;
  @Field() subject!: string;
  @Field() text!: string;
  @Field(() => String, { nullable: true }) html!: string | null;
}

export const NotificationTemplateConnectionGql = Connection(NotificationTemplateGql, { name: 'NotificationTemplate', registerIn });
