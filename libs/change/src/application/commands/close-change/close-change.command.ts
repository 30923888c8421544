import type { CloseCode } from '../../../domain';

/** The change is closed with its close code (Review -> Closed). */
export class CloseChangeCommand {
  constructor(readonly changeId: string, readonly closeCode: CloseCode, readonly notes: string | null) {}
}
