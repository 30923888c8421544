import { Type } from '@sinclair/typebox';
import type { TSchema } from '@sinclair/typebox';
import { recordSubject } from '../record-subject';
import { TextSchema } from '../text';
import { defineTopic } from '../topic-registry';
import { At, Id, NullableId } from './incident.topic';

export const ServiceKindSchema = Type.Union([Type.Literal('business'), Type.Literal('technical')]);
/** A service's portfolio lifecycle: proposed and built (pipeline), offered (live), withdrawn (retired). */
export const ServiceLifecycleSchema = Type.Union([Type.Literal('pipeline'), Type.Literal('live'), Type.Literal('retired')]);
/** A catalogue item: orderable (published) or withdrawn from ordering (retired). */
export const CatalogItemStatusSchema = Type.Union([Type.Literal('published'), Type.Literal('retired')]);

const Name = TextSchema({ minLength: 1, maxLength: 200 });
const NullableReason = Type.Union([TextSchema({ minLength: 1, maxLength: 2_000 }), Type.Null()]);

function portfolioEvent<P extends Record<string, TSchema>>(properties: P) {
  return Type.Object({ ...properties, by: Id, at: At }, { additionalProperties: false });
}

/** One service offering: what is offered to whom, supported by which group, measured by which SLAs. */
export const ServiceOfferingSchema = Type.Object(
  {
    offeringId: Id,
    name: Name,
    /** Human words for when it is available ("24x7", "business hours CET"). */
    availability: TextSchema({ minLength: 1, maxLength: 200 }),
    supportGroupId: NullableId,
    /** The SLA definitions (SLA engine ids) that apply to requests for this offering. */
    slaDefinitionIds: Type.Array(Id, { maxItems: 50 }),
    /** The customer organisations it is offered to (empty: every internal organisation). */
    customerOrgIds: Type.Array(Id, { maxItems: 500 }),
  },
  { additionalProperties: false },
);

/** A service's state after the event. */
const serviceFacts = {
  serviceId: Id,
  name: Name,
  kind: ServiceKindSchema,
  lifecycle: ServiceLifecycleSchema,
  ownerId: Id,
  /** The CMDB's service CIs this portfolio entry stands for. */
  configurationItemIds: Type.Array(Id, { maxItems: 100 }),
  offerings: Type.Array(ServiceOfferingSchema, { maxItems: 100 }),
};

/** A catalogue item version's facts after the event (its form and plan stay in the catalogue; read them through GraphQL). */
const itemFacts = {
  itemId: Id,
  version: Type.Integer({ minimum: 1 }),
  name: Name,
  status: CatalogItemStatusSchema,
  categoryId: Id,
  serviceId: NullableId,
  offeringId: NullableId,
};

/** A catalogue bundle: being prepared (draft), orderable (published) or withdrawn (retired). */
export const CatalogBundleStatusSchema = Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('retired')]);

/** A catalogue bundle's facts after the event (the items' default values stay in the catalogue; read them through GraphQL). */
const bundleFacts = {
  bundleId: Id,
  name: Name,
  status: CatalogBundleStatusSchema,
  categoryId: Id,
  /** The catalogue items one order of the bundle requests, in bundle order. */
  itemIds: Type.Array(Id, { minItems: 2, maxItems: 20 }),
};

/**
 * The service portfolio and catalogue (`itsm.service.v1`). Services are keyed by
 * `serviceSubject('service', id)`, catalogue items by `serviceSubject('item', id)`, bundles by
 * `serviceSubject('bundle', id)`; in order per
 * subject. Every event carries the record's whole state after it, so consumers (the SLA engine,
 * reporting, the portal's caches) keep the latest by sequence.
 */
export const serviceTopic = defineTopic({
  name: 'itsm.service.v1',
  aggregate: 'service',
  partitions: 6,
  events: {
    'itsm.service.created.v1': portfolioEvent(serviceFacts),
    'itsm.service.updated.v1': portfolioEvent({ ...serviceFacts, changed: Type.Array(TextSchema({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 30 }) }),
    /** Pipeline -> live (after the portfolio-steering approval), live -> retired. */
    'itsm.service.lifecycle-changed.v1': portfolioEvent({ ...serviceFacts, previousLifecycle: ServiceLifecycleSchema, reason: NullableReason }),
    /** The go-live approval's level now waits for decisions. */
    'itsm.service.approval-requested.v1': portfolioEvent({
      ...serviceFacts,
      level: Type.Integer({ minimum: 0, maximum: 19 }),
      levelName: TextSchema({ minLength: 1, maxLength: 120 }),
      approverIds: Type.Array(Id, { maxItems: 1_000 }),
    }),
    'itsm.service.approval-decided.v1': portfolioEvent({
      ...serviceFacts,
      level: Type.Integer({ minimum: 0, maximum: 19 }),
      approverId: Id,
      onBehalfOf: NullableId,
      decision: Type.Union([Type.Literal('approved'), Type.Literal('rejected')]),
      comment: NullableReason,
      levelOutcome: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
    }),
    /** A new version of an item is orderable (its first publication, or an edit). */
    'itsm.service.item-published.v1': portfolioEvent(itemFacts),
    /** The item is withdrawn from ordering (retired itself, or its service retired); open requests finish. */
    'itsm.service.item-retired.v1': portfolioEvent({ ...itemFacts, reason: NullableReason }),
    /** A bundle was saved for the first time (a draft). */
    'itsm.service.bundle-created.v1': portfolioEvent(bundleFacts),
    /** A bundle's name, description, category, items or defaults were saved again. */
    'itsm.service.bundle-updated.v1': portfolioEvent(bundleFacts),
    /** The bundle is orderable (every item of it published). */
    'itsm.service.bundle-published.v1': portfolioEvent(bundleFacts),
    /** The bundle is withdrawn from ordering; requests ordered through it finish. */
    'itsm.service.bundle-retired.v1': portfolioEvent({ ...bundleFacts, reason: NullableReason }),
  },
});

/** The catalogue context's kinds of record on `itsm.service.v1`, each its own event stream. */
export type ServiceRecordKind = 'service' | 'item' | 'bundle';

/** The subject (Kafka key) of a portfolio or catalogue record's events, and its document's `_id`. */
export function serviceSubject(kind: ServiceRecordKind, id: string): string {
  return recordSubject(`service-${kind}`, id);
}
