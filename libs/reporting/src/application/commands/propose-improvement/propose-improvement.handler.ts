import type { Principal } from '@itsm/platform/auth';
import { hasRole } from '@itsm/platform/auth';
import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { checkNewImprovement, checkTimeZone, reportingError, ReportingErrorCode } from '../../../domain';
import type { Improvement, NewImprovement } from '../../../domain';
import { IMPROVEMENT_MANAGERS, mayReadMeasure } from '../../improvement-access';
import { ImprovementMeasurer } from '../../improvement-measurer';
import { ImprovementStore } from '../../improvement-store.port';

/** Registers an initiative (managers, admins), its baseline measured now from the reports, never typed in. */
@Injectable()
export class ProposeImprovementHandler {
  constructor(
    private readonly store: ImprovementStore,
    private readonly measurer: ImprovementMeasurer,
    private readonly clock: Clock,
  ) {}

  async execute(reader: Principal, input: NewImprovement): Promise<Improvement> {
    if (!hasRole(reader, ...IMPROVEMENT_MANAGERS)) throw reportingError(ReportingErrorCode.Forbidden, 'only a manager or an admin registers an improvement initiative');
    const checked = checkNewImprovement(input);
    if (!mayReadMeasure(reader, checked.measure)) throw reportingError(ReportingErrorCode.Forbidden, 'change figures are read by change managers, CAB members and admins', { metric: checked.measure.metric });
    const now = this.clock.now().getTime();
    // The zone is checked as a report's period is (REPORTING.INVALID_PERIOD for an unknown one).
    checkTimeZone(checked.measure.timeZone);
    const baseline = await this.measurer.measure(checked.measure, now);
    const improvement: Improvement = { ...checked, id: randomUUID(), status: 'proposed', baseline, history: [{ status: 'proposed', by: reader.userId, at: now }], createdBy: reader.userId, createdAt: now, updatedAt: now, version: 1 };
    await this.store.save(improvement);
    return improvement;
  }
}
