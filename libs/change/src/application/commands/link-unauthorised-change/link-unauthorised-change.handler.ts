import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode, linkUnauthorisedChange } from '../../../domain';
import type { UnauthorisedChange } from '../../../domain';
import { ChangeLookups, UnauthorisedChangeStore } from '../../ports/unauthorised-change-store.port';
import { unauthorisedChangeRunner } from '../unauthorised-change-runner';
import type { LinkUnauthorisedChangeCommand } from './link-unauthorised-change.command';

/**
 * Links an open record to a change naming its CI (CHANGE.NOT_FOUND for an unknown record or
 * change, CHANGE.INVALID_INPUT when the change does not name the CI, CHANGE.ILLEGAL_TRANSITION when
 * the record is no longer open).
 */
@Injectable()
export class LinkUnauthorisedChangeHandler {
  constructor(
    private readonly records: UnauthorisedChangeStore,
    private readonly changes: ChangeLookups,
    private readonly clock: Clock,
  ) {}

  async execute(command: LinkUnauthorisedChangeCommand): Promise<UnauthorisedChange> {
    const change = await this.changes.linkable(command.changeId);
    if (change === undefined) throw new ChangeError(ChangeErrorCode.NotFound, `no change ${command.changeId}`, { changeId: command.changeId });
    const outcome = await unauthorisedChangeRunner(this.records).run(command.id, {
      decide: (record) => {
        const { record: next, events } = linkUnauthorisedChange(record, change, command.note, command.by, this.clock.now());
        return { aggregate: next, events };
      },
    });
    return outcome.aggregate;
  }
}
