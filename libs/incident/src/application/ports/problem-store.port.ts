import type { AggregateStore, Loaded, SaveResult } from '@itsm/platform/persistence';
import type { Problem, ProblemEvent } from '../../domain';

/** Problems as the command handlers need them: one aggregate loaded, saved or created with its events (outbox). */
export abstract class ProblemStore implements AggregateStore<Problem, ProblemEvent> {
  abstract load(id: string): Promise<Loaded<Problem> | undefined>;
  abstract save(loaded: Loaded<Problem>, problem: Problem, events: readonly ProblemEvent[]): Promise<SaveResult>;
  abstract create(problem: Problem, events: readonly ProblemEvent[]): Promise<SaveResult>;
}
