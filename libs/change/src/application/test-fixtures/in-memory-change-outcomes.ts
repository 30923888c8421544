import { applyOnceInMemory } from '@itsm/platform/persistence';
import type { InMemoryRecord } from '@itsm/platform/persistence';
import type { CausedIncident, ClosedChange } from '../../domain';
import type { AppliedEvent, CausedIncidentStore, ClosedChangeStore } from '../ports/projection-stores.port';
import type { IncidentLinkChange } from '../projections/incident-change-links';

interface IncidentRecord {
  readonly priority: number | null;
  readonly changeIds: readonly string[];
  readonly canceled: boolean;
}

/** The incidents changes caused, in memory, with the repository's rules (latest sequence per incident wins). */
export class InMemoryCausedIncidents implements CausedIncidentStore {
  private readonly incidents = new Map<string, InMemoryRecord<IncidentRecord>>();

  apply(change: IncidentLinkChange, event: AppliedEvent): Promise<'applied' | 'duplicate'> {
    return applyOnceInMemory(this.incidents, change.incidentId, event, (current) => {
      const base: IncidentRecord = current ?? { priority: null, changeIds: [], canceled: false };
      switch (change.kind) {
        case 'opened':
        case 'priority':
          return { ...base, priority: change.priority };
        case 'linked':
          return { ...base, changeIds: [...new Set([...base.changeIds, change.changeId])] };
        case 'unlinked':
          return { ...base, changeIds: base.changeIds.filter((id) => id !== change.changeId) };
        case 'canceled':
          return { ...base, canceled: true };
      }
    });
  }

  causedBy(changeIds: readonly string[]): Promise<readonly CausedIncident[]> {
    const caused = [...this.incidents.entries()].flatMap(([incidentId, { value }]) =>
      value.canceled ? [] : value.changeIds.filter((id) => changeIds.includes(id)).map((changeId) => ({ incidentId, changeId, priority: value.priority })),
    );
    return Promise.resolve(caused);
  }

  causeOf(incidentId: string): Promise<string | null> {
    return Promise.resolve(this.incidents.get(incidentId)?.value.changeIds[0] ?? null);
  }
}

/** Closed changes in memory, with the repository's rules. */
export class InMemoryClosedChanges implements ClosedChangeStore {
  private readonly changes = new Map<string, InMemoryRecord<ClosedChange>>();

  apply(closed: ClosedChange, event: AppliedEvent): Promise<'applied' | 'duplicate'> {
    return applyOnceInMemory(this.changes, closed.changeId, event, () => closed);
  }

  closedBetween(from: Date, to: Date, limit: number): Promise<readonly ClosedChange[]> {
    const inPeriod = [...this.changes.values()].map((r) => r.value).filter((c) => c.closedAt >= from && c.closedAt < to);
    return Promise.resolve(inPeriod.sort((a, b) => a.closedAt.getTime() - b.closedAt.getTime()).slice(0, limit));
  }
}
