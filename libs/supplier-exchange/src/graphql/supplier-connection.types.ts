import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { SupplierExchangeSchema } from './supplier-exchange.schema-marker';

const registerIn = SupplierExchangeSchema;

@ObjectType('SupplierOutboundChannel', { registerIn, description: "How a supplier's outbound events reach it; signing keys are never shown" })
export class SupplierOutboundChannelGql {
  @Field({ description: 'kafka (its own topic itsm.supplier.<id>.out.v1) or webhook (signed POSTs, Standard Webhooks)' }) channel!: string;
  @Field(() => String, { nullable: true, description: 'The webhook URL; null on kafka' }) url!: string | null;
  @Field(() => Int, { description: 'How many keys sign each webhook (2 during a rotation); 0 on kafka' }) signingKeyCount!: number;
}

@ObjectType('SupplierConnection', { registerIn, description: "A supplier organisation's connection (admin data): who it is and what it may see" })
export class SupplierConnectionGql {
  @Field(() => ID, { description: 'Also the middle part of its topics (itsm.supplier.<id>.out.v1)' }) supplierId!: string;
  @Field(() => ID, { description: "The directory organisation whose groups are the supplier's" }) organisationId!: string;
  @Field() name!: string;
  @Field(() => ID, { description: "The directory person the supplier's updates are applied as" }) agentId!: string;
  @Field({ description: "The caller's email and phone in clear (masked otherwise)" }) exposeCallerContact!: boolean;
  @Field({ description: 'The affected service and configuration items as related entities' }) exposeRelatedEntities!: boolean;
  @Field(() => [String]) ticketKinds!: string[];
  @Field(() => SupplierOutboundChannelGql) outbound!: SupplierOutboundChannelGql;
  @Field(() => Int, { description: 'The optimistic version an edit names' }) version!: number;
}
