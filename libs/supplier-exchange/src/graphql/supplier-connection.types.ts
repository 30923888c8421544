import { registerDomainEnum } from '@itsm/platform/graphql';
import { TROUBLE_TICKET_STATUSES } from '@itsm/contracts';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { SIGNING_KEY_KINDS } from '../application/supplier-connections/issued-keys';
import type { SigningKeyKind } from '../application/supplier-connections/issued-keys';
import { INCIDENT_STATES, OUTBOUND_CHANNELS, SUPPLIER_TICKET_KINDS } from '../domain';
import type { IncidentState } from '../domain';
import { SupplierExchangeSchema } from './supplier-exchange.schema-marker';

const registerIn = SupplierExchangeSchema;

export const SupplierChannelGql = registerDomainEnum(OUTBOUND_CHANNELS, { name: 'SupplierChannel', registerIn, description: 'kafka (its own topic itsm.supplier.<id>.out.v1) or webhook (signed POSTs, Standard Webhooks)' });
export const SupplierSigningKeyKindGql = registerDomainEnum(SIGNING_KEY_KINDS, { name: 'SupplierSigningKeyKind', registerIn, description: 'ed25519 (the supplier verifies with the public key; default) or hmac (a shared whsec_ secret)' });
export const SupplierTicketKindGql = registerDomainEnum(SUPPLIER_TICKET_KINDS, { name: 'SupplierTicketKind', registerIn });
export const IncidentStateForSupplierGql = registerDomainEnum(INCIDENT_STATES, { name: 'SupplierMappedIncidentState', registerIn, description: 'An incident state, as a state mapping names it' });
export const TroubleTicketStatusGql = registerDomainEnum(TROUBLE_TICKET_STATUSES, { name: 'TroubleTicketStatus', registerIn, description: "TMF621's trouble ticket statuses" });

@ObjectType('SupplierKey', { registerIn, description: 'A key of a supplier connection: the exchange signs webhooks with its signing keys and verifies the supplier with its inbound keys; a private key or secret is never shown' })
export class SupplierKeyGql {
  @Field(() => ID, { description: 'Names the key to retire it (a hash of it: tells nothing of the key)' }) id!: string;
  @Field(() => SupplierSigningKeyKindGql) kind!: SigningKeyKind;
  @Field(() => String, { nullable: true, description: "What verifies its signatures: an ed25519 key's whpk_ public key; an hmac key's whsec_ secret only in the answer that issued it, else null" })
  verifyingKey!: string | null;
}

@ObjectType('SupplierOutboundChannel', { registerIn, description: "How a supplier's outbound events reach it" })
export class SupplierOutboundChannelGql {
  @Field(() => SupplierChannelGql) channel!: string;
  @Field(() => String, { nullable: true, description: 'The webhook URL; null on kafka' }) url!: string | null;
  @Field(() => Int, { description: 'How many keys sign each webhook (2 during a rotation); 0 on kafka' }) signingKeyCount!: number;
  @Field(() => [SupplierKeyGql], { description: 'The keys signing each webhook; none on kafka' }) signingKeys!: SupplierKeyGql[];
}

@ObjectType('SupplierStatusMapping', { registerIn, description: 'Our incident state as the supplier sees it' })
export class SupplierStatusMappingGql {
  @Field(() => IncidentStateForSupplierGql) state!: IncidentState;
  @Field(() => TroubleTicketStatusGql) status!: string;
}

@ObjectType('SupplierActionMapping', { registerIn, description: "The incident transition a supplier's action causes" })
export class SupplierActionMappingGql {
  @Field({ description: 'acknowledge, reject, update, add-note, resolve, request-information' }) action!: string;
  @Field({ description: 'none, start-work, resolve, or put-on-hold:<reason>' }) transition!: string;
}

@ObjectType('SupplierStateMapping', { registerIn, description: "A supplier's state mapping (ours <-> TMF621), edited without a restart" })
export class SupplierStateMappingGql {
  @Field(() => [SupplierStatusMappingGql]) outbound!: SupplierStatusMappingGql[];
  @Field(() => [SupplierActionMappingGql]) inbound!: SupplierActionMappingGql[];
}

@ObjectType('SupplierConnection', { registerIn, description: "A supplier organisation's connection (admin data): who it is and what it may see" })
export class SupplierConnectionGql {
  @Field(() => ID, { description: 'Also the middle part of its topics (itsm.supplier.<id>.out.v1)' }) supplierId!: string;
  @Field(() => ID, { description: "The directory organisation whose groups are the supplier's" }) organisationId!: string;
  @Field() name!: string;
  @Field(() => ID, { description: "The directory person the supplier's updates are applied as" }) agentId!: string;
  @Field({ description: 'How our notes to the supplier are signed (our agents stay unnamed)' }) integratorName!: string;
  @Field({ description: "The caller's email and phone in clear (masked otherwise)" }) exposeCallerContact!: boolean;
  @Field({ description: 'The affected service and configuration items as related entities' }) exposeRelatedEntities!: boolean;
  @Field(() => [SupplierTicketKindGql]) ticketKinds!: string[];
  @Field(() => SupplierStateMappingGql) stateMapping!: SupplierStateMappingGql;
  @Field(() => [SupplierKeyGql], { description: "The keys the supplier's messages are verified with (1, or 2 during a rotation)" }) inboundKeys!: SupplierKeyGql[];
  @Field(() => SupplierOutboundChannelGql) outbound!: SupplierOutboundChannelGql;
  @Field(() => Int, { description: 'The optimistic version an edit names' }) version!: number;
}

@ObjectType('SavedSupplierConnection', { registerIn, description: 'A saved connection, and the webhook signing key issued with it (if one was)' })
export class SavedSupplierConnectionGql {
  @Field(() => SupplierConnectionGql) connection!: SupplierConnectionGql;
  @Field(() => SupplierKeyGql, { nullable: true, description: 'The key issued by this change: hand its verifyingKey to the supplier (an hmac secret is shown only here)' })
  issuedKey!: SupplierKeyGql | null;
}
