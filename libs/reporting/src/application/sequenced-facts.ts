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

/** How a batch of events folds into stored state: read by key, each key's events shaped into one write. */
export interface BatchFold<E, S, W> {
  /** What is folded (for the error when writes keep conflicting). */
  readonly what: string;
  readonly keyOf: (event: E) => string;
  readonly load: (keys: readonly string[]) => Promise<ReadonlyMap<string, S>>;
  /** The write for one key's events (in their order) over what is stored; undefined when nothing changes. */
  readonly shape: (stored: S | undefined, events: readonly E[]) => W | undefined;
  /** Writes over the versions read; answers the keys not written (changed meanwhile: read again and retry). */
  readonly write: (writes: readonly W[]) => Promise<ReadonlySet<string>>;
}

/**
 * Folds events a batch at a time (one read, one write); the events of keys whose write found them
 * changed meanwhile are folded again from a fresh read, at most MAX_ATTEMPTS times.
 */
export async function foldInBatches<E, S, W>(events: readonly E[], fold: BatchFold<E, S, W>): Promise<void> {
  let pending = events;
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    if (attempt > MAX_ATTEMPTS) throw new Error(`reporting: ${fold.what} kept changing under ${MAX_ATTEMPTS} attempts (${pending.length} events)`);
    const byKey = new Map<string, E[]>();
    for (const event of pending) {
      const key = fold.keyOf(event);
      const stream = byKey.get(key);
      if (stream === undefined) byKey.set(key, [event]);
      else stream.push(event);
    }
    const stored = await fold.load([...byKey.keys()]);
    const writes: W[] = [];
    for (const [key, stream] of byKey) {
      const write = fold.shape(stored.get(key), stream);
      if (write !== undefined) writes.push(write);
    }
    const conflicts = await fold.write(writes);
    pending = pending.filter((event) => conflicts.has(fold.keyOf(event)));
  }
}

/**
 * Folds events into facts a batch at a time (one read, one write): each subject's events in their
 * order, each applied once (`evolve` answers the fact itself for an event at or below its sequence,
 * so a redelivery or a replay changes nothing); events `evolve` has no fact for are no-ops.
 */
export function projectFacts<E extends Pick<EventEnvelope, 'subject'>, F extends SequencedFact>(
  store: SequencedFactStore<F>,
  events: readonly E[],
  evolve: (fact: F | undefined, event: E) => F | undefined,
): Promise<void> {
  return foldInBatches(events, {
    what: 'facts',
    keyOf: (event) => event.subject,
    load: (keys) => store.load(keys),
    shape: (before, stream) => {
      const after = stream.reduce<F | undefined>((fact, event) => evolve(fact, event), before);
      return after !== undefined && after !== before ? { fact: after, previous: before?.sequence ?? null } : undefined;
    },
    write: (writes) => store.write(writes),
  });
}
