import type { ChangePage } from './change-store.port';

/** Changes whose pending approval level still waits for one of the given people (newest number first). */
export abstract class PendingApprovalReads {
  abstract awaiting(personIds: readonly string[], first: number, afterSeq: number | undefined): Promise<ChangePage>;
}
