import type { cmdbTopic, EventOf } from '@itsm/contracts';

/** An event of the CMDB (`itsm.cmdb.v1`), its payload checked by the bus. */
export type CmdbEvent = EventOf<typeof cmdbTopic>;

/** A CI attribute's value, as the CMDB's events carry it. */
export type CiAttributeValue = string | number | boolean | null;

/** The CMDB's service classes (its core library's `service` and the classes under it). */
export const SERVICE_CLASS_IDS: readonly string[] = ['service', 'business_service', 'service_offering', 'application_service'];

/** A configuration item as a context's CMDB projection keeps it: what a reference to it is checked against. */
export interface ProjectedCi {
  readonly id: string;
  readonly name: string;
  readonly classId: string;
  /** A service CI (business service, service offering, application service). */
  readonly service: boolean;
  /** Retired CIs stay (an older event cannot revive them), flagged: a new reference to one is refused. */
  readonly retired: boolean;
  /** Its attributes after the last created/updated event (e.g. `criticality`, `environment`). */
  readonly attributes: Readonly<Record<string, CiAttributeValue>>;
}

/** A relationship as the CMDB announces it: active from `added` until `removed`. */
export interface ProjectedRelationship {
  readonly id: string;
  readonly typeId: string;
  readonly sourceId: string;
  readonly targetId: string;
  readonly active: boolean;
}

/** What one CMDB event changes in a CI record. */
export type CmdbCiChange =
  | { readonly kind: 'ci'; readonly ci: ProjectedCi }
  | { readonly kind: 'ci-retired'; readonly ciId: string; readonly classId: string; readonly name: string; readonly service: boolean };

/** What one CMDB event changes: a CI record (CmdbProjection) or a relationship (for a context that keeps them). */
export type CmdbChange = CmdbCiChange | { readonly kind: 'relationship'; readonly relationship: ProjectedRelationship };

/** How a context refuses an event keyed by another record than the one it describes (its own coded error). */
export type RefuseCmdbEvent = (message: string, eventId: string) => Error;

/**
 * A projection's reading of a CMDB event. A CI's created/updated events carry its whole state (the
 * latest by sequence wins); a retirement flags it (its attributes kept); a relationship is active
 * from `added` until `removed`. The CMDB keys each event by the CI's or relationship's id; an event
 * that names another is refused.
 */
export function cmdbChange(event: CmdbEvent, refuse: RefuseCmdbEvent): CmdbChange {
  const subjectOf = (id: string): string => {
    if (event.subject !== id) throw refuse(`${event.type} ${event.id} is keyed by ${event.subject} but is about ${id}`, event.id);
    return id;
  };
  switch (event.type) {
    case 'itsm.cmdb.ci-created.v1':
    case 'itsm.cmdb.ci-updated.v1': {
      const d = event.data;
      return { kind: 'ci', ci: { id: subjectOf(d.ciId), name: d.name, classId: d.classId, service: SERVICE_CLASS_IDS.includes(d.classId), retired: false, attributes: { ...d.attributes } } };
    }
    case 'itsm.cmdb.ci-retired.v1': {
      const d = event.data;
      return { kind: 'ci-retired', ciId: subjectOf(d.ciId), classId: d.classId, name: d.name, service: SERVICE_CLASS_IDS.includes(d.classId) };
    }
    case 'itsm.cmdb.relationship-added.v1':
    case 'itsm.cmdb.relationship-removed.v1': {
      const d = event.data;
      const active = event.type === 'itsm.cmdb.relationship-added.v1';
      return { kind: 'relationship', relationship: { id: subjectOf(d.relationshipId), typeId: d.typeId, sourceId: d.sourceId, targetId: d.targetId, active } };
    }
  }
}
