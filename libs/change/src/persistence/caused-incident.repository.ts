import { applyOnce, collectionIndexes, index, objectIdFromKey } from '@itsm/platform/persistence';
import type { ProjectionUpdate } from '@itsm/platform/persistence';
import type { Connection, Types } from 'mongoose';
import type { CausedIncident } from '../domain';
import type { AppliedEvent, CausedIncidentStore } from '../application/ports/projection-stores.port';
import type { IncidentLinkChange } from '../application/projections/incident-change-links';

interface IncidentDocument { _id: Types.ObjectId; key: string; number?: string; priority?: number; changeIds?: string[]; canceled?: boolean }

const INCIDENTS = 'caused_incidents';
const incidentId = (id: string): Types.ObjectId => objectIdFromKey('incident', id);
/** How many change ids one look-up sends in one query. */
const BATCH = 1_000;

/**
 * The incidents changes caused (`itsm.incident.v1`): per incident its number, priority, the changes
 * it is linked to as its cause, and whether it was canceled. Each document records the last
 * sequence it applied from the incident's stream (`applyOnce`).
 */
export class CausedIncidentRepository implements CausedIncidentStore {
  /** Incidents by the change they name (the score's look-up); one incident by `_id`. */
  static readonly indexes = [collectionIndexes(INCIDENTS, [index({ changeIds: 1 })])];

  constructor(private readonly connection: Connection) {}

  private get incidents() {
    return this.connection.collection<IncidentDocument>(INCIDENTS);
  }

  apply(change: IncidentLinkChange, event: AppliedEvent): Promise<'applied' | 'duplicate'> {
    const key = change.incidentId;
    const update = ((): ProjectionUpdate => {
      switch (change.kind) {
        case 'opened':
          return { $set: { key, number: change.number, priority: change.priority } };
        case 'priority':
          return { $set: { key, priority: change.priority } };
        case 'linked':
          return { $set: { key }, $addToSet: { changeIds: change.changeId } };
        case 'unlinked':
          return { $set: { key }, $pullAll: { changeIds: [change.changeId] } };
        case 'canceled':
          return { $set: { key, canceled: true } };
      }
    })();
    return applyOnce(this.incidents, incidentId(key), event, update);
  }

  async causedBy(changeIds: readonly string[]): Promise<readonly CausedIncident[]> {
    const unique = [...new Set(changeIds)];
    const caused: CausedIncident[] = [];
    for (let i = 0; i < unique.length; i += BATCH) {
      const batch = unique.slice(i, i + BATCH);
      const wanted = new Set(batch);
      const docs = await this.incidents.find({ changeIds: { $in: batch } }).toArray();
      for (const d of docs) {
        if (d.canceled === true) continue;
        for (const changeId of d.changeIds ?? []) if (wanted.has(changeId)) caused.push({ incidentId: d.key, changeId, priority: d.priority ?? null });
      }
    }
    return caused;
  }

  async causeOf(id: string): Promise<string | null> {
    const d = await this.incidents.findOne({ _id: incidentId(id) });
    return d?.changeIds?.[0] ?? null;
  }
}
