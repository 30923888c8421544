import type { UnauthorisedChangeFilter } from '../../ports/unauthorised-change-store.port';

/** One page of the unauthorised-change records, newest first. */
export class UnauthorisedChangesQuery {
  constructor(
    readonly filter: UnauthorisedChangeFilter,
    readonly first: number,
    /** The id of the last record of the previous page. */
    readonly after: string | undefined,
  ) {}
}
