import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { acknowledgeUnauthorisedChange } from '../../../domain';
import type { UnauthorisedChange } from '../../../domain';
import { UnauthorisedChangeStore } from '../../ports/unauthorised-change-store.port';
import { unauthorisedChangeRunner } from '../unauthorised-change-runner';
import type { AcknowledgeUnauthorisedChangeCommand } from './acknowledge-unauthorised-change.command';

/** Acknowledges an open record with a note (CHANGE.NOT_FOUND, CHANGE.INVALID_INPUT, CHANGE.ILLEGAL_TRANSITION). */
@Injectable()
export class AcknowledgeUnauthorisedChangeHandler {
  constructor(
    private readonly records: UnauthorisedChangeStore,
    private readonly clock: Clock,
  ) {}

  async execute(command: AcknowledgeUnauthorisedChangeCommand): Promise<UnauthorisedChange> {
    const outcome = await unauthorisedChangeRunner(this.records).run(command.id, {
      decide: (record) => {
        const { record: next, events } = acknowledgeUnauthorisedChange(record, command.note, command.by, this.clock.now());
        return { aggregate: next, events };
      },
    });
    return outcome.aggregate;
  }
}
