import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { SupplierExchangeSchema } from './supplier-exchange.schema-marker';

const registerIn = SupplierExchangeSchema;

@ObjectType('SupplierWebhookDeadLetter', { registerIn, description: "The event a supplier's webhook refused for good; it and the ticket's later events are held" })
export class SupplierWebhookDeadLetterGql {
  @Field(() => ID, { description: 'The CloudEvent id (the webhook-id header)' }) eventId!: string;
  @Field(() => Int) sequence!: number;
  @Field(() => Int, { nullable: true, description: 'The HTTP status answered; null when none came' }) status!: number | null;
  @Field() reason!: string;
  @Field() at!: Date;
}

@ObjectType('SupplierWebhookDelivery', { registerIn, description: "One ticket's webhook delivery to one supplier" })
export class SupplierWebhookDeliveryGql {
  @Field(() => ID) ticketId!: string;
  @Field(() => ID) supplierId!: string;
  @Field(() => Int, { description: 'Events not yet accepted' }) queued!: number;
  @Field(() => Int, { description: 'The sequence of the last event accepted (0: none)' }) delivered!: number;
  @Field(() => Int, { description: 'Attempts at the event at the head' }) attempts!: number;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => Date, { nullable: true }) nextAttemptAt!: Date | null;
  @Field(() => SupplierWebhookDeadLetterGql, { nullable: true }) deadLetter!: SupplierWebhookDeadLetterGql | null;
}
