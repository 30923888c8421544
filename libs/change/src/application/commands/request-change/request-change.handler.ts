import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode, checkedDetails, requestChange } from '../../../domain';
import type { Change, ChangeViewer } from '../../../domain';
import { newChangeId } from '../../change-ids';
import { ChangeReferences } from '../../change-references.service';
import { ChangeNumbers, ChangeStore } from '../../ports/change-store.port';
import type { RequestChangeCommand } from './request-change.command';

const ON_BEHALF = ['admin', 'change-manager', 'implementer'];

@Injectable()
export class RequestChangeHandler {
  constructor(
    private readonly store: ChangeStore,
    private readonly references: ChangeReferences,
    private readonly numbers: ChangeNumbers,
    private readonly clock: Clock,
  ) {}

  async execute(viewer: ChangeViewer, command: RequestChangeCommand): Promise<Change> {
    const { input } = command;
    const requesterId = input.requesterId ?? viewer.userId;
    if (requesterId !== viewer.userId && !ON_BEHALF.some((role) => viewer.roles.includes(role))) {
      throw new ChangeError(ChangeErrorCode.Forbidden, 'only change managers, implementers and admins request changes for others', { field: 'requesterId' });
    }
    // Shape first (cheap, no look-ups), then references, then a number: a refused request burns none.
    checkedDetails({ ...input, assignedOrgId: null });
    const { assignedOrgId } = await this.references.check({ ...input, people: [requesterId] });
    const number = await this.numbers.next('CHG');
    const { change, events } = requestChange({ ...input, id: newChangeId(), number, requesterId, assignedOrgId }, viewer.userId, this.clock.now());
    await this.store.create(change, events);
    return change;
  }
}
