import type { Level } from '../../../domain';

/** Changes an incident's impact and urgency; its priority follows the matrix in force. */
export class ChangeIncidentImpactUrgencyCommand {
  constructor(
    readonly incidentId: string,
    readonly impact: Level,
    readonly urgency: Level,
  ) {}
}
