import type { EventEnvelope } from '@itsm/contracts';

/** A fact folded from one subject's events: `key` is the subject, `sequence` the last event applied. */
export interface SequencedFact {
  readonly key: string;
  readonly sequence: number;
}

/** A store of facts keyed by subject, each written only over the version read (one writer per subject at a time). */
export abstract class SequencedFactStore<F extends SequencedFact> {
  abstract load(keys: readonly string[]): Promise<ReadonlyMap<string, F>>;
  /**
   * Writes each fact over the one read (`previous`: its sequence then, or null for a new one);
   * answers the keys not written (created or changed meanwhile: read again and retry).
   */
  abstract write(writes: readonly { readonly fact: F; readonly previous: number | null }[]): Promise<ReadonlySet<string>>;
}

/** How often a batch is read again after a write found a fact changed meanwhile (another replica during a rebalance). */
const MAX_ATTEMPTS = 5;

/**
 * Folds events into facts a batch at a time (one read, one write): each subject's events in their
 * order, each applied once (`evolve` answers the fact itself for an event at or below its sequence,
 * so a redelivery or a replay changes nothing); events `evolve` has no fact for are no-ops.
 */
export async function projectFacts<E extends Pick<EventEnvelope, 'subject'>, F extends SequencedFact>(
  store: SequencedFactStore<F>,
  events: readonly E[],
  evolve: (fact: F | undefined, event: E) => F | undefined,
): Promise<void> {
  let pending = events;
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    if (attempt > MAX_ATTEMPTS) throw new Error(`reporting: facts kept changing under ${MAX_ATTEMPTS} attempts (${pending.length} events)`);
    const bySubject = new Map<string, E[]>();
    for (const event of pending) bySubject.set(event.subject, [...(bySubject.get(event.subject) ?? []), event]);
    const stored = await store.load([...bySubject.keys()]);
    const writes: { fact: F; previous: number | null }[] = [];
    for (const [key, stream] of bySubject) {
      const before = stored.get(key);
      const after = stream.reduce<F | undefined>((fact, event) => evolve(fact, event), before);
      if (after !== undefined && after !== before) writes.push({ fact: after, previous: before?.sequence ?? null });
    }
    const conflicts = await store.write(writes);
    pending = pending.filter((event) => conflicts.has(event.subject));
  }
}
