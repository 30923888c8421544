/** Re-prioritises one active incident under the priority matrix in force (after an admin changed it). */
export class ApplyPriorityMatrixCommand {
  constructor(readonly incidentId: string) {}
}
