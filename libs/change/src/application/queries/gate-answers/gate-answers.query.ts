import type { GateLogFilter, GateLogKey } from '../../ports';

/** The gate log, newest first: every answer, or those about one CI or one change. */
export class GateAnswersQuery {
  constructor(
    readonly filter: GateLogFilter,
    readonly first: number,
    readonly after: GateLogKey | undefined,
  ) {}
}
