import type { Level } from '../../../domain';

/** Opens a problem (internal staff): the unknown cause behind one or more incidents. */
export interface OpenProblemCommand {
  readonly title: string;
  readonly description: string;
  readonly impact: Level;
  readonly urgency: Level;
  readonly assignmentGroupId?: string;
  readonly serviceId?: string;
  readonly configurationItemIds?: readonly string[];
}
