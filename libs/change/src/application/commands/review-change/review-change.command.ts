import type { CloseCode } from '../../../domain';

/** The post-implementation review of a change in Review or Closed: outcome and lessons. */
export class ReviewChangeCommand {
  constructor(
    readonly changeId: string,
    readonly outcome: CloseCode,
    readonly lessons: string,
  ) {}
}
