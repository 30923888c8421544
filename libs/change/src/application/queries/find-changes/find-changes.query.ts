import type { ChangeListFilter } from '../../ports/change-store.port';

/** A page of changes (newest number first) matching typed filters; `afterSeq` from the previous page's cursor. */
export class FindChangesQuery {
  constructor(
    readonly filter: ChangeListFilter,
    readonly first: number,
    readonly afterSeq: number | undefined,
  ) {}
}
