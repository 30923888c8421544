import { Injectable } from '@nestjs/common';
import { dayOf, evolveIncidentFact, incidentContributions, rollDay } from '../domain';
import type { Contribution, IncidentEvent, IncidentFact } from '../domain';
import { IncidentFactStore, IncidentRollupStore } from './incident-projection.ports';
import type { FactWrite } from './incident-projection.ports';
import { foldInBatches } from './sequenced-facts';

/** How long a replica holds a day it is making (others skip it meanwhile); a crashed making's day waits this long. */
const DAY_LEASE_MS = 60_000;

/** A fact's contributions per UTC day, each day's as comparable text. */
function contributionsByDay(fact: IncidentFact | undefined): Map<number, string> {
  const byDay = new Map<number, Contribution[]>();
  for (const c of fact === undefined ? [] : incidentContributions(fact)) byDay.set(dayOf(c.at), [...(byDay.get(dayOf(c.at)) ?? []), c]);
  return new Map([...byDay].map(([day, contributions]) => [day, JSON.stringify(contributions)]));
}

/** The days whose contributions differ between `before` and `after` (only their rollups change), ascending. */
function changedDays(before: ReadonlyMap<number, string>, after: ReadonlyMap<number, string>): number[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((day) => before.get(day) !== after.get(day)).sort((a, b) => a - b);
}

/**
 * Folds incident events into the facts, a batch at a time (one read, one write): each incident's
 * events in their order, each applied once (a redelivered or replayed event is at or below the
 * fact's sequence and changes nothing). A fact whose measures moved is marked dirty with the days
 * whose contributions moved (not the others: a resolution leaves the opening's day alone), in the
 * same write (IncidentRollups makes them again).
 */
@Injectable()
export class IncidentProjector {
  constructor(private readonly facts: IncidentFactStore) {}

  apply(events: readonly IncidentEvent[]): Promise<void> {
    return foldInBatches(events, {
      what: 'incident facts',
      keyOf: (event) => event.subject,
      load: (ids) => this.facts.load(ids),
      shape: (before, stream): FactWrite | undefined => {
        const after = stream.reduce<IncidentFact | undefined>((fact, event) => evolveIncidentFact(fact, event), before?.fact);
        if (after === undefined || after === before?.fact) return undefined;
        const was = contributionsByDay(before?.fact);
        const now = contributionsByDay(after);
        return { fact: after, version: before?.version ?? 0, days: [...now.keys()].sort((x, y) => x - y), dirtyDays: changedDays(was, now) };
      },
      write: (writes) => this.facts.write(writes),
    });
  }
}

/**
 * Makes the rollups of the days dirty facts changed, from every fact of each day (never by adding
 * to what is there: a day's rollups are a function of its facts, so a retry, a replay or two
 * replicas doing it at once give the same figures; of two makings of a day, the later claimed one
 * wins). The dirty marks are cleared after, each only if its fact was not written since it was read
 * and no later making overtook one of its days.
 */
@Injectable()
export class IncidentRollups {
  constructor(
    private readonly facts: IncidentFactStore,
    private readonly rollups: IncidentRollupStore,
  ) {}

  /** One round: up to `limit` dirty facts' days made again; answers how many facts it cleaned. */
  async roll(limit = 1_000): Promise<number> {
    const dirty = await this.facts.dirty(limit);
    if (dirty.length === 0) return 0;
    const superseded = new Set<number>();
    for (const day of [...new Set(dirty.flatMap((fact) => fact.dirtyDays))].sort((a, b) => a - b)) {
      const generation = await this.rollups.claimDay(day, DAY_LEASE_MS);
      // Another replica is making the day: its facts stay dirty here (a later round sees them made or makes the day).
      if (generation === null) {
        superseded.add(day);
        continue;
      }
      const facts = await this.facts.ofDay(day);
      if (!(await this.rollups.replaceDay(day, rollDay(day, facts.flatMap(incidentContributions)), generation))) superseded.add(day);
    }
    // A day another making overtook stays dirty: the next round makes it again (and removes what this one left).
    await this.facts.clean(dirty.filter((fact) => !fact.dirtyDays.some((day) => superseded.has(day))));
    return dirty.length;
  }

  /** Rounds until no fact is dirty (a rebuild's end; tests). */
  async drain(limit = 1_000): Promise<void> {
    while ((await this.roll(limit)) > 0);
  }
}
