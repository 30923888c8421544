import { Injectable } from '@nestjs/common';
import { measureWindow, metricValue } from '../domain';
import type { ImprovementMeasure, MeasuredValue } from '../domain';
import { IncidentReports } from './incident-reports';

/** Measures an initiative's figure now: its rolling window's whole-period incident report (the same question the baseline asked). */
@Injectable()
export class ImprovementMeasurer {
  constructor(private readonly reports: IncidentReports) {}

  async measure(measure: ImprovementMeasure, now: number): Promise<MeasuredValue> {
    const window = measureWindow(measure, now);
    const [row] = await this.reports.report({ period: window, groupBy: null, filter: measure.filter });
    return { value: metricValue(row, measure.metric), measuredAt: now, from: window.from, to: window.to };
  }
}
