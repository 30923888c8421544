import type { TotalsRow } from './rollups';

/** One row of an incident report: a period (and group), its counts and the means and rates they give. */
export interface IncidentReportRow {
  readonly period: string;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly group: string | null;
  readonly opened: number;
  readonly acknowledged: number;
  readonly resolved: number;
  readonly canceled: number;
  readonly reopened: number;
  readonly firstTimeFix: number;
  readonly handedOver: number;
  /** Holds that ended in the period (an organisation's time with a ticket, to the handover or the settlement). */
  readonly holdsEnded: number;
  /** Their mean length (ms): how long the organisation kept a ticket. */
  readonly meanHoldMs: number | null;
  /** Mean time to acknowledge of those acknowledged in the period (ms), or null. */
  readonly mttaMs: number | null;
  /** Mean time to resolve (opening to the first resolution, wall time) of those first resolved in the period (ms), or null. */
  readonly mttrMs: number | null;
  /** Of those first resolved in the period: the share reopened later, and fixed the first time. */
  readonly reopenRate: number | null;
  readonly firstTimeFixRate: number | null;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
const mean = (sum: number, count: number): number | null => (count === 0 ? null : Math.round(sum / count));

export function incidentReportRows(rows: readonly TotalsRow[]): IncidentReportRow[] {
  return rows.map(({ period, group, totals: t }) => ({
    period: period.label,
    periodStart: period.start,
    periodEnd: period.end,
    group,
    opened: t.opened,
    acknowledged: t.acknowledged,
    resolved: t.resolved,
    canceled: t.canceled,
    reopened: t.reopened,
    firstTimeFix: t.firstTimeFix,
    handedOver: t.handedOver,
    holdsEnded: t.holdsEnded,
    meanHoldMs: mean(t.heldMs, t.holdsEnded),
    mttaMs: mean(t.ackMs, t.acknowledged),
    mttrMs: mean(t.resolveMs, t.resolved),
    reopenRate: ratio(t.reopened, t.resolved),
    firstTimeFixRate: ratio(t.firstTimeFix, t.resolved),
  }));
}
