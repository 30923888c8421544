import type { EventEnvelope } from '@itsm/contracts';
import type { Loaded, SaveResult } from './aggregate-repository';
import { retryOnConflict } from './retry-on-conflict';

/** The store port a command handler needs: load one aggregate, save its new state with its events. */
export interface AggregateStore<A, E> {
  load(id: string): Promise<Loaded<A> | undefined>;
  save(loaded: Loaded<A>, aggregate: A, events: readonly E[], consumed?: EventEnvelope): Promise<SaveResult>;
}

/** What a command decided: the new state and the events that say why (none: nothing changes). */
export interface Decision<A, E> {
  readonly aggregate: A;
  readonly events: readonly E[];
}

export interface AggregateCommand<A, E> {
  /** Checks the caller may run this command on the current state; throws the context's own error. */
  readonly authorise?: (current: A) => void | Promise<void>;
  /** Decides on the current state (look-ups it needs included); called again after a lost race. */
  readonly decide: (current: A) => Decision<A, E> | Promise<Decision<A, E>>;
  /** The inbound event this command reacts to: recorded with the write, so a redelivery changes nothing. */
  readonly consumed?: EventEnvelope;
}

export interface CommandOutcome<A> {
  readonly aggregate: A;
  /** False when the command decided no events, or the consumed event had already been applied. */
  readonly changed: boolean;
}

export interface AggregateCommandErrors {
  /** No aggregate has this id (the context's NOT_FOUND). */
  readonly notFound: (id: string) => Error;
  /** Other writers kept winning the race (the context's CONFLICT). */
  readonly conflict: (id: string) => Error;
}

/**
 * One way every context runs a command on one aggregate: load, authorise, decide, and write the
 * state with its events in ONE document update (outbox). A concurrent writer makes the write miss
 * its version: the command is authorised and decided again on the fresh state.
 */
export class AggregateCommandRunner<A, E> {
  constructor(
    private readonly store: AggregateStore<A, E>,
    private readonly errors: AggregateCommandErrors,
    private readonly maxAttempts = 5,
  ) {}

  run(id: string, command: AggregateCommand<A, E>): Promise<CommandOutcome<A>> {
    return retryOnConflict(
      async () => {
        const loaded = await this.store.load(id);
        if (loaded === undefined) throw this.errors.notFound(id);
        // A redelivered event changes nothing, and fails nothing: the state it led to may no longer
        // authorise or take it (a handed-back ticket, a transition already made).
        if (command.consumed !== undefined && loaded.hasApplied(command.consumed)) return { aggregate: loaded.aggregate, changed: false };
        await command.authorise?.(loaded.aggregate);
        const { aggregate, events } = await command.decide(loaded.aggregate);
        if (events.length === 0) return { aggregate: loaded.aggregate, changed: false };
        const result = await this.store.save(loaded, aggregate, events, command.consumed);
        return result.status === 'saved' ? { aggregate, changed: true } : { aggregate: loaded.aggregate, changed: false };
      },
      () => this.errors.conflict(id),
      this.maxAttempts,
    );
  }
}
