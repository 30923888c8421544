import type { ChangePlans, TimeWindow } from '../../../domain';

/** A normal or emergency change, as the requester describes it. */
export class RequestChangeCommand {
  constructor(
    readonly input: {
      readonly model: 'normal' | 'emergency';
      readonly title: string;
      readonly description: string;
      /** Someone else's change (change managers, implementers, admins); absent: the viewer's own. */
      readonly requesterId?: string;
      readonly assignmentGroupId: string | null;
      readonly assigneeId: string | null;
      readonly configurationItemIds: readonly string[];
      readonly serviceIds: readonly string[];
      readonly plans: ChangePlans;
      readonly planned: TimeWindow | null;
    },
  ) {}
}
