import { Inject, Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode } from '../../../domain';
import { GateLog } from '../../ports';
import type { GateLogPage } from '../../ports';
import type { GateAnswersQuery } from './gate-answers.query';

/** Reads the gate log (one filter at most: each is served by its own index). */
@Injectable()
export class GateAnswersHandler {
  constructor(@Inject(GateLog) private readonly log: GateLog) {}

  execute({ filter, first, after }: GateAnswersQuery): Promise<GateLogPage> {
    if (filter.ciId !== undefined && filter.changeId !== undefined) throw new ChangeError(ChangeErrorCode.InvalidInput, 'filter by ciId or by changeId, not both', { field: 'filter' });
    return this.log.list(filter, first, after);
  }
}
