import { Injectable } from '@nestjs/common';
import { CHANGE_DIMENSIONS, DIMENSIONS, measureWindow, metricValue, reportFilterOfMeasure, reportOfMetric, slaFilterOfMeasure } from '../domain';
import type { ImprovementMeasure, MeasuredValue, PeriodSpec } from '../domain';
import { ChangeRequestReports } from './change-request-reports';
import { IncidentReports } from './incident-reports';
import { SlaReports } from './sla-reports';

/** Measures an initiative's figure now: its rolling window's whole-period report (the same question the baseline asked). */
@Injectable()
export class ImprovementMeasurer {
  constructor(
    private readonly incidents: IncidentReports,
    private readonly slas: SlaReports,
    private readonly changes: ChangeRequestReports,
  ) {}

  async measure(measure: ImprovementMeasure, now: number): Promise<MeasuredValue> {
    const window = measureWindow(measure, now);
    const [row] = await this.rowsOver(measure, window);
    return { value: metricValue(row, measure.metric), measuredAt: now, from: window.from, to: window.to };
  }

  private rowsOver({ metric, filter }: ImprovementMeasure, period: PeriodSpec) {
    switch (reportOfMetric(metric)) {
      case 'sla':
        return this.slas.compliance({ period, groupBy: null, filter: slaFilterOfMeasure(filter) });
      case 'change':
        return this.changes.changeReport({ period, groupBy: null, filter: reportFilterOfMeasure(filter, CHANGE_DIMENSIONS) });
      case 'incident':
        return this.incidents.report({ period, groupBy: null, filter: reportFilterOfMeasure(filter, DIMENSIONS) });
    }
  }
}
