import { Type } from '@sinclair/typebox';
import type { TSchema } from '@sinclair/typebox';
import { TextSchema } from '../text';
import { defineTopic } from '../topic-registry';
import { At, Id } from './incident.topic';

/** A CI attribute's value on the wire: typed against the CI's class by the CMDB, never here. */
export const AttributeValueSchema = Type.Union([TextSchema({ maxLength: 4_000 }), Type.Number(), Type.Boolean(), Type.Null()]);
/** Attribute names: lower snake case, as class definitions declare them. */
export const AttributeNamePattern = '^[a-z][a-z0-9_]{0,62}$';
export const AttributesSchema = Type.Record(Type.String({ pattern: AttributeNamePattern }), AttributeValueSchema, { maxProperties: 200 });
export const OperationalStatusSchema = Type.Union([
  Type.Literal('operational'),
  Type.Literal('degraded'),
  Type.Literal('non_operational'),
  Type.Literal('maintenance'),
]);

const Source = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_.-]*$' });

function cmdbEvent<P extends Record<string, TSchema>>(properties: P) {
  return Type.Object({ ...properties, by: Id, at: At }, { additionalProperties: false });
}

const ciFacts = {
  ciId: Id,
  classId: Id,
  name: TextSchema({ minLength: 1, maxLength: 200 }),
  operationalStatus: OperationalStatusSchema,
  /** Every attribute after the event. */
  attributes: AttributesSchema,
};

const relationshipFacts = { relationshipId: Id, typeId: Id, sourceId: Id, targetId: Id };

/**
 * The CMDB stream (`itsm.cmdb.v1`), keyed by the CI's or relationship's id, in order per subject
 * (the envelope's sequence). CMDB replicas rebuild their impact index from it; change (conflict
 * detection) and SLA (CI location time zones) follow CIs from it.
 */
export const cmdbTopic = defineTopic({
  name: 'itsm.cmdb.v1',
  aggregate: 'cmdb',
  partitions: 12,
  events: {
    'itsm.cmdb.ci-created.v1': cmdbEvent({ ...ciFacts, source: Source }),
    'itsm.cmdb.ci-updated.v1': cmdbEvent({
      ...ciFacts,
      source: Source,
      /** What changed, old -> new (a `null` old value: the attribute was not set). */
      changes: Type.Array(Type.Object({ attribute: TextSchema({ minLength: 1, maxLength: 63 }), old: AttributeValueSchema, new: AttributeValueSchema }, { additionalProperties: false }), { minItems: 1, maxItems: 210 }),
    }),
    'itsm.cmdb.ci-retired.v1': cmdbEvent({ ciId: Id, classId: Id, name: TextSchema({ minLength: 1, maxLength: 200 }), reason: TextSchema({ maxLength: 500 }) }),
    'itsm.cmdb.relationship-added.v1': cmdbEvent(relationshipFacts),
    'itsm.cmdb.relationship-removed.v1': cmdbEvent(relationshipFacts),
  },
});

/** A relationship a discovery source saw, to a CI it names by identifying attributes. */
export const DiscoveredRelationshipSchema = Type.Object(
  {
    typeId: Id,
    /** `outbound`: the discovered CI is the relationship's source; `inbound`: its target. */
    direction: Type.Union([Type.Literal('outbound'), Type.Literal('inbound')]),
    classId: Id,
    identifiers: AttributesSchema,
  },
  { additionalProperties: false },
);

export const DiscoveredCiSchema = Type.Object(
  {
    source: Source,
    classId: Id,
    attributes: AttributesSchema,
    relationships: Type.Array(DiscoveredRelationshipSchema, { maxItems: 200 }),
    /** The discovery account or job acting (who), for the attribute history. */
    by: Id,
    at: At,
  },
  { additionalProperties: false },
);

/**
 * Bulk discovery feeds (`itsm.cmdb-discovery.v1`): one event per discovered CI, from supplier or
 * internal discovery tools. Nothing in it is trusted: the CMDB checks the source, the class and
 * every attribute before identification and reconciliation; a rejected item goes to the DLQ.
 */
export const cmdbDiscoveryTopic = defineTopic({
  name: 'itsm.cmdb-discovery.v1',
  aggregate: 'cmdb-discovery',
  partitions: 12,
  events: {
    'itsm.cmdb-discovery.ci-discovered.v1': DiscoveredCiSchema,
  },
});
