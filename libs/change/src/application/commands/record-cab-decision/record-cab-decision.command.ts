import type { CabDecision } from '../../../domain/cab';

/** A CAB member (or a delegate) decides one agenda item of one meeting: authorise, reject or defer (with a reason). */
export class RecordCabDecisionCommand {
  constructor(
    readonly meetingId: string,
    readonly occurrenceStart: Date,
    readonly changeId: string,
    readonly decision: CabDecision,
    readonly reason: string | null,
    readonly by: string,
  ) {}
}
