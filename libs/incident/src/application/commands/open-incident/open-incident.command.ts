import type { Level } from '../../../domain';

/** Opens an incident: a requester for itself, internal staff on behalf of a caller. */
export interface OpenIncidentCommand {
  readonly title: string;
  readonly description: string;
  readonly impact: Level;
  readonly urgency: Level;
  /** Internal staff open on behalf of a caller; a requester is always its own caller. */
  readonly callerId?: string;
  readonly callerOrgId?: string;
  readonly category?: string;
  readonly serviceId?: string;
  readonly configurationItemIds?: readonly string[];
  readonly assignmentGroupId?: string;
  readonly assigneeId?: string;
}
