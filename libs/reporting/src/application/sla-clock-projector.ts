import { Injectable } from '@nestjs/common';
import { clockKeyOf, complianceDayOf, evolveSlaClockFact, rollSlaDay } from '../domain';
import type { SlaClockFact, SlaEvent } from '../domain';
import { SlaClockStore, SlaDayStore } from './sla-projection.ports';
import type { ClockWrite } from './sla-projection.ports';
import { foldInBatches } from './sequenced-facts';

/** What a clock adds to its stop day (nothing unless stopped). */
const contribution = (fact: SlaClockFact | undefined): string =>
  fact === undefined || complianceDayOf(fact) === null ? '' : JSON.stringify([fact.stoppedAt, fact.outcome, fact.elapsedMs, fact.pausedMs, fact.definitionId, fact.kind, fact.ticketType, fact.segmentOrgId, fact.target]);

/**
 * Folds SLA events into the clock facts, a batch at a time: each clock's events in order, each
 * applied once (its source's sequence: a redelivered or replayed event changes nothing). A clock
 * whose stop moved (stopped, resumed after a stop, stopped again, canceled) is written with its
 * stop days before and after, which are then marked dirty (and the fact's mark settled); a crash
 * between leaves the fact pending, and SlaDays.roll marks its days.
 */
@Injectable()
export class SlaClockProjector {
  constructor(
    private readonly clocks: SlaClockStore,
    private readonly days: SlaDayStore,
  ) {}

  apply(events: readonly SlaEvent[]): Promise<void> {
    return foldInBatches(events, {
      what: 'SLA clock facts',
      keyOf: clockKeyOf,
      load: (keys) => this.clocks.load(keys),
      shape: (before, stream): ClockWrite | undefined => {
        const after = stream.reduce<SlaClockFact | undefined>((fact, event) => evolveSlaClockFact(fact, event), before?.fact);
        if (after === undefined || after === before?.fact) return undefined;
        const moved = contribution(before?.fact) !== contribution(after);
        // With the days an earlier write left unmarked (settling clears the document's whole list, so each is marked first).
        const stopDays = moved ? [before?.fact, after].map((f) => (f === undefined ? null : complianceDayOf(f))).filter((d): d is number => d !== null) : [];
        const dirtyDays = stopDays.length > 0 ? [...new Set([...(before?.dirtyDays ?? []), ...stopDays])] : [];
        return { fact: after, version: before?.version ?? 0, dirtyDays };
      },
      write: async (writes) => {
        const conflicts = await this.clocks.write(writes);
        const landed = writes.filter((w) => !conflicts.has(w.fact.key) && w.dirtyDays.length > 0);
        if (landed.length > 0) {
          await this.days.markDirty([...new Set(landed.flatMap((w) => w.dirtyDays))]);
          await this.clocks.settle(landed.map((w) => ({ key: w.fact.key, version: w.version + 1, dirtyDays: w.dirtyDays })));
        }
        return conflicts;
      },
    });
  }
}

/**
 * Makes the dirty compliance days again, each from the clocks stopped on it (never by adding to what
 * is there: a retry, a replay or two replicas at once give the same figures); a making lands only if
 * no change marked the day since it read the day's generation.
 */
@Injectable()
export class SlaDays {
  constructor(
    private readonly clocks: SlaClockStore,
    private readonly days: SlaDayStore,
  ) {}

  /** One round: pending facts' days marked, then up to `limit` dirty days made; answers how many it handled. */
  async roll(limit = 200): Promise<number> {
    const pending = await this.clocks.pending(limit);
    if (pending.length > 0) {
      await this.days.markDirty([...new Set(pending.flatMap((c) => c.dirtyDays))]);
      await this.clocks.settle(pending);
    }
    const dirty = await this.days.dirty(limit);
    for (const { day, generation } of dirty) await this.days.replace(day, generation, rollSlaDay(day, await this.clocks.stoppedOn(day)).cells);
    return pending.length + dirty.length;
  }

  /** Rounds until nothing is dirty (a rebuild's end; tests). */
  async drain(limit = 200): Promise<void> {
    while ((await this.roll(limit)) > 0);
  }
}
