import type { cmdbTopic, EventOf } from '@itsm/contracts';
import type { CiView } from '../ports/change-references.port';
import { ChangeError, ChangeErrorCode } from '../../domain';

/** An event of the CMDB (`itsm.cmdb.v1`), its payload checked by the bus. */
export type CmdbEvent = EventOf<typeof cmdbTopic>;

/** The CMDB's service classes (its core library's `service` and the classes under it). */
export const SERVICE_CLASS_IDS: readonly string[] = ['service', 'business_service', 'service_offering', 'application_service'];

/** A relationship as the projection keeps it: removed ones stay, inactive (an older `added` cannot revive them). */
export interface ProjectedRelationship {
  readonly id: string;
  readonly typeId: string;
  readonly sourceId: string;
  readonly targetId: string;
  readonly active: boolean;
}

/** What one CMDB event changes in the change context's projection. */
export type CmdbChange =
  | { readonly kind: 'ci'; readonly ci: CiView }
  | { readonly kind: 'ci-retired'; readonly ciId: string; readonly classId: string; readonly name: string; readonly service: boolean }
  | { readonly kind: 'relationship'; readonly relationship: ProjectedRelationship };

/** The CMDB keys a CI's and a relationship's events by its id; an event that names another is refused. */
function subjectOf(event: CmdbEvent, id: string): string {
  if (event.subject !== id) {
    throw new ChangeError(ChangeErrorCode.InvalidProjectionEvent, `${event.type} ${event.id} is keyed by ${event.subject} but is about ${id}`, { eventId: event.id });
  }
  return id;
}

/**
 * The projection's reading of a CMDB event: a CI's created/updated events carry its whole state
 * (the latest by sequence wins); a retirement flags it (kept: a change may still name it, and is
 * refused for it); a relationship is active from `added` until `removed`.
 */
export function cmdbChange(event: CmdbEvent): CmdbChange {
  switch (event.type) {
    case 'itsm.cmdb.ci-created.v1':
    case 'itsm.cmdb.ci-updated.v1': {
      const d = event.data;
      return { kind: 'ci', ci: { id: subjectOf(event, d.ciId), name: d.name, classId: d.classId, service: SERVICE_CLASS_IDS.includes(d.classId), retired: false, attributes: { ...d.attributes } } };
    }
    case 'itsm.cmdb.ci-retired.v1': {
      const d = event.data;
      return { kind: 'ci-retired', ciId: subjectOf(event, d.ciId), classId: d.classId, name: d.name, service: SERVICE_CLASS_IDS.includes(d.classId) };
    }
    case 'itsm.cmdb.relationship-added.v1':
    case 'itsm.cmdb.relationship-removed.v1': {
      const d = event.data;
      const active = event.type === 'itsm.cmdb.relationship-added.v1';
      return { kind: 'relationship', relationship: { id: subjectOf(event, d.relationshipId), typeId: d.typeId, sourceId: d.sourceId, targetId: d.targetId, active } };
    }
  }
}
