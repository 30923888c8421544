import type { ChangeDetails } from '../../../domain';

/** A normal or emergency change, as the requester describes it. */
export class RequestChangeCommand {
  constructor(
    readonly input: Omit<ChangeDetails, 'assignedOrgId'> & {
      readonly model: 'normal' | 'emergency';
      /** Someone else's change (change managers, implementers, admins); absent: the viewer's own. */
      readonly requesterId?: string;
    },
  ) {}
}
