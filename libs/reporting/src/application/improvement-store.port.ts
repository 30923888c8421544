import type { Improvement, ImprovementStatus } from '../domain';

/** The improvement register (`reporting_improvements`). */
export abstract class ImprovementStore {
  abstract find(id: string): Promise<Improvement | null>;
  /** Newest first, optionally in one status; at most `limit`. */
  abstract list(status: ImprovementStatus | null, limit: number): Promise<readonly Improvement[]>;
  /** Inserts a new one (version 1) or replaces version `improvement.version - 1`; false when it changed meanwhile. */
  abstract save(improvement: Improvement): Promise<boolean>;
}
