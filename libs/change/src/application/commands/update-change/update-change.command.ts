import type { ChangePlans, TimeWindow } from '../../../domain';

/** Edits of a change's details; an absent field stays as it is. */
export class UpdateChangeCommand {
  constructor(
    readonly changeId: string,
    readonly patch: {
      readonly title?: string;
      readonly description?: string;
      readonly assignmentGroupId?: string | null;
      readonly assigneeId?: string | null;
      readonly configurationItemIds?: readonly string[];
      readonly serviceIds?: readonly string[];
      readonly plans?: ChangePlans;
      readonly planned?: TimeWindow | null;
    },
  ) {}
}
