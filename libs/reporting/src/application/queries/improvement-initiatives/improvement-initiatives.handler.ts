import type { Principal } from '@itsm/platform/auth';
import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { measureWindow, progressOf, reportingError, ReportingErrorCode, targetReached } from '../../../domain';
import { mayReadMeasure } from '../../improvement-access';
import type { Improvement, ImprovementStatus, MeasuredValue } from '../../../domain';
import { ImprovementMeasurer } from '../../improvement-measurer';
import { ImprovementStore } from '../../improvement-store.port';

/** An initiative with its measure's value now and its progress from the baseline to the target. */
export interface MeasuredImprovement {
  readonly improvement: Improvement;
  readonly current: MeasuredValue;
  readonly progress: number | null;
  readonly targetReached: boolean;
}

/** The most initiatives one list answers, and how many are measured at once. */
const MAX_LISTED = 200;
const MEASURED_AT_ONCE = 4;

/** The register, each initiative measured now by the same question as its baseline. */
@Injectable()
export class ImprovementInitiativesHandler {
  constructor(
    private readonly store: ImprovementStore,
    private readonly measurer: ImprovementMeasurer,
    private readonly clock: Clock,
  ) {}

  async list(reader: Principal, status: ImprovementStatus | null): Promise<MeasuredImprovement[]> {
    const now = this.clock.now().getTime();
    const measured: MeasuredImprovement[] = [];
    // A few at a time: each reads up to a year of rollups.
    const all = await this.store.list(status, MAX_LISTED);
    for (let i = 0; i < all.length; i += MEASURED_AT_ONCE) measured.push(...(await Promise.all(all.slice(i, i + MEASURED_AT_ONCE).map((improvement) => this.measured(reader, improvement, now)))));
    return measured;
  }

  async one(reader: Principal, id: string): Promise<MeasuredImprovement> {
    const found = await this.store.find(id);
    if (found === null) throw reportingError(ReportingErrorCode.NotFound, `no improvement initiative ${id}`, { improvementId: id });
    return this.measured(reader, found, this.clock.now().getTime());
  }

  /** Measured now (a completed or abandoned one too: what became of it); figures the reader may not see are null. */
  async measured(reader: Principal, improvement: Improvement, now: number): Promise<MeasuredImprovement> {
    if (!mayReadMeasure(reader, improvement.measure)) {
      const { from, to } = measureWindow(improvement.measure, now);
      return { improvement: { ...improvement, baseline: { ...improvement.baseline, value: null } }, current: { value: null, measuredAt: now, from, to }, progress: null, targetReached: false };
    }
    const current = await this.measurer.measure(improvement.measure, now);
    return { improvement, current, progress: progressOf(improvement.baseline.value, current.value, improvement.target.value), targetReached: targetReached(current.value, improvement.target) };
  }
}
