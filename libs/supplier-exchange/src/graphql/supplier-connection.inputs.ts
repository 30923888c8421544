import { InputText } from '@itsm/platform/graphql';
import { Field, ID, InputType } from '@nestjs/graphql';
import type { IncidentState } from '../domain';
import { IncidentStateForSupplierGql, SupplierChannelGql, SupplierTicketKindGql, TroubleTicketStatusGql } from './supplier-connection.types';
import { SupplierExchangeSchema } from './supplier-exchange.schema-marker';

const registerIn = SupplierExchangeSchema;

@InputType('SupplierOutboundInput', { registerIn })
export class SupplierOutboundInput {
  @Field(() => SupplierChannelGql) channel!: string;
  @Field(() => String, { nullable: true, description: 'The webhook URL (https; no credentials in it); none on kafka. Signing keys are issued by the exchange, never given' })
  @InputText('text')
  url?: string | null;
}

@InputType('SupplierStatusMappingInput', { registerIn })
export class SupplierStatusMappingInput {
  @Field(() => IncidentStateForSupplierGql) state!: IncidentState;
  @Field(() => TroubleTicketStatusGql) status!: string;
}

@InputType('SupplierActionMappingInput', { registerIn })
export class SupplierActionMappingInput {
  @Field({ description: 'acknowledge, reject, update, add-note, resolve, request-information' }) action!: string;
  @Field({ description: 'none, start-work, resolve, or put-on-hold:<reason>' }) transition!: string;
}

@InputType('SupplierStateMappingInput', { registerIn, description: 'Every incident state once, every supplier action once' })
export class SupplierStateMappingInput {
  @Field(() => [SupplierStatusMappingInput]) outbound!: SupplierStatusMappingInput[];
  @Field(() => [SupplierActionMappingInput]) inbound!: SupplierActionMappingInput[];
}

@InputType('SupplierConnectionInput', { registerIn })
export class SupplierConnectionInput {
  @Field(() => ID) supplierId!: string;
  @Field(() => ID) organisationId!: string;
  @Field() name!: string;
  @Field(() => ID) agentId!: string;
  @Field() integratorName!: string;
  @Field() exposeCallerContact!: boolean;
  @Field() exposeRelatedEntities!: boolean;
  @Field(() => [SupplierTicketKindGql]) ticketKinds!: string[];
  @Field(() => SupplierStateMappingInput) stateMapping!: SupplierStateMappingInput;
  @Field(() => [String], { description: "1 or 2 (during a rotation) keys the supplier's messages are verified with: whpk_ Ed25519 public keys or whsec_ secrets" })
  inboundKeys!: string[];
  @Field(() => SupplierOutboundInput, { nullable: true, description: 'kafka when left out' }) outbound?: SupplierOutboundInput | null;
}
