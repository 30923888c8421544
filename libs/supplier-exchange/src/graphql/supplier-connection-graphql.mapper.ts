import type { StoredSupplierConnection } from '../application/ports/supplier-exchange-stores.port';
import { inboundKeyView, signingKeyView } from '../application/supplier-connections/issued-keys';
import { SUPPLIER_ACTION_KINDS, SupplierExchangeErrorCode, supplierExchangeError, transitionKey, transitionOfKey } from '../domain';
import type { SupplierActionKind } from '../domain';
import type { SupplierConnectionInput, SupplierStateMappingInput } from './supplier-connection.inputs';
import type { SupplierConnectionGql } from './supplier-connection.types';

/** A stored connection as admins see it: its keys by id and public half only. */
export function toConnectionGql({ connection, version }: StoredSupplierConnection): SupplierConnectionGql {
  const { outbound, stateMapping } = connection;
  return {
    supplierId: connection.supplierId,
    organisationId: connection.organisationId,
    name: connection.name,
    agentId: connection.agentId,
    integratorName: connection.integratorName,
    exposeCallerContact: connection.exposeCallerContact,
    exposeRelatedEntities: connection.exposeRelatedEntities,
    ticketKinds: [...connection.ticketKinds],
    stateMapping: {
      outbound: Object.entries(stateMapping.outbound).map(([state, status]) => ({ state: state as keyof typeof stateMapping.outbound, status })),
      inbound: SUPPLIER_ACTION_KINDS.map((action) => ({ action, transition: transitionKey(stateMapping.inbound[action]) })),
    },
    inboundKeys: connection.inboundKeys.map((key) => inboundKeyView(key)),
    outbound:
      outbound.channel === 'webhook'
        ? { channel: 'webhook', url: outbound.url, signingKeyCount: outbound.signingKeys.length, signingKeys: outbound.signingKeys.map((key) => signingKeyView(key)) }
        : { channel: 'kafka', url: null, signingKeyCount: 0, signingKeys: [] },
    version,
  };
}

/** Pairs listed as GraphQL lists, keyed: a key listed twice is refused with its field. */
function keyed<V>(side: 'outbound' | 'inbound', pairs: readonly (readonly [string, V])[]): Record<string, V> {
  const record: Record<string, V> = {};
  for (const [key, value] of pairs) {
    if (key in record) throw supplierExchangeError(SupplierExchangeErrorCode.InvalidMapping, `${side}.${key} is mapped twice`, { field: `${side}.${key}`, value: key });
    record[key] = value;
  }
  return record;
}

function stateMappingJson(input: SupplierStateMappingInput): Record<string, unknown> {
  return {
    outbound: keyed('outbound', input.outbound.map((m) => [m.state, m.status] as const)),
    inbound: keyed('inbound', input.inbound.map((m) => [m.action as SupplierActionKind, transitionOfKey(m.transition)] as const)),
  };
}

/** An admin's connection input as the JSON parseSupplierConnection checks (the webhook's signing keys are the exchange's to add). */
export function connectionInputJson(input: SupplierConnectionInput): Record<string, unknown> {
  const outbound = input.outbound ?? null;
  return {
    supplierId: input.supplierId,
    organisationId: input.organisationId,
    name: input.name,
    agentId: input.agentId,
    integratorName: input.integratorName,
    exposeCallerContact: input.exposeCallerContact,
    exposeRelatedEntities: input.exposeRelatedEntities,
    ticketKinds: input.ticketKinds,
    stateMapping: stateMappingJson(input.stateMapping),
    inboundKeys: input.inboundKeys,
    ...(outbound === null ? {} : { outbound: outbound.channel === 'webhook' ? { channel: 'webhook', url: outbound.url ?? '' } : { channel: outbound.channel } }),
  };
}
