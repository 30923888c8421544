import type { IncidentEvent } from './incident-fact';

/**
 * The changes one incident was caused by, as the incident stream says: a link of kind `change`
 * (`itsm.incident.linked.v1`; the change context's success score reads the same links that way),
 * removed by an unlink; a canceled incident counts against no change. Kept only for incidents
 * ever linked to a change.
 */
export interface IncidentChangeLink {
  readonly key: string;
  readonly changeIds: readonly string[];
  readonly canceled: boolean;
  readonly sequence: number;
}

/** The link fact after `event`: created by the first link to a change; `link` itself for an event already applied or irrelevant to it. */
export function evolveIncidentChangeLink(link: IncidentChangeLink | undefined, event: IncidentEvent): IncidentChangeLink | undefined {
  if (link !== undefined && event.sequence <= link.sequence) return link;
  switch (event.type) {
    case 'itsm.incident.linked.v1':
    case 'itsm.incident.unlinked.v1': {
      if (event.data.kind !== 'change') return link === undefined ? undefined : { ...link, sequence: event.sequence };
      const others = (link?.changeIds ?? []).filter((id) => id !== event.data.targetId);
      if (link === undefined && event.type === 'itsm.incident.unlinked.v1') return undefined;
      const changeIds = event.type === 'itsm.incident.linked.v1' ? [...others, event.data.targetId] : others;
      return { key: event.subject, changeIds, canceled: link?.canceled ?? false, sequence: event.sequence };
    }
    case 'itsm.incident.canceled.v1':
      return link === undefined ? undefined : { ...link, canceled: true, sequence: event.sequence };
    default:
      return link === undefined ? undefined : { ...link, sequence: event.sequence };
  }
}
