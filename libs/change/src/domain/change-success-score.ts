import type { ChangeModel, CloseCode } from './change.model';
import { CLOSE_CODES } from './change.model';

/** What a success score is computed per. */
export const SCORE_GROUPINGS = ['model', 'group', 'service'] as const;
export type ScoreGrouping = (typeof SCORE_GROUPINGS)[number];

/** ServiceNow's Change Success Score: +3 successful, -2 with issues, -5 failed (backed out counts as failed). */
export const CLOSE_CODE_POINTS: Readonly<Record<CloseCode, number>> = { successful: 3, successful_with_issues: -2, failed: -5, backed_out: -5 };

/** Points off per incident the change caused, by the incident's priority (P4 and P5 cost nothing). */
export const INCIDENT_PENALTIES: Readonly<Record<number, number>> = { 1: 10, 2: 5, 3: 2 };

/** A closed change as the score reads it. */
export interface ClosedChange {
  readonly changeId: string;
  readonly model: ChangeModel;
  readonly assignmentGroupId: string | null;
  readonly serviceIds: readonly string[];
  readonly closeCode: CloseCode;
  readonly closedAt: Date;
}

/** An incident linked as caused by a change, with its priority now (null when its opening was never seen). */
export interface CausedIncident {
  readonly incidentId: string;
  readonly changeId: string;
  readonly priority: number | null;
}

export interface ChangeSuccessScore {
  /** The model, the assignment group's id or the service's id. */
  readonly key: string;
  readonly changes: number;
  readonly outcomes: Readonly<Record<CloseCode, number>>;
  /** Incidents caused by these changes, per priority 1..3 (others do not count). */
  readonly incidents: { readonly p1: number; readonly p2: number; readonly p3: number };
  readonly score: number;
}

interface Tally {
  changes: number;
  outcomes: Record<CloseCode, number>;
  incidents: { p1: number; p2: number; p3: number };
  score: number;
}

function keysOf(change: ClosedChange, groupBy: ScoreGrouping): readonly string[] {
  switch (groupBy) {
    case 'model':
      return [change.model];
    case 'group':
      return change.assignmentGroupId === null ? [] : [change.assignmentGroupId];
    case 'service':
      return [...new Set(change.serviceIds)];
  }
}

/**
 * The change success score of each model, assignment group or service over the given closed
 * changes: the sum of each change's outcome points minus the penalties of the incidents it caused.
 * A change counts once for each of its services; one without a group (or services) counts for none
 * of those. Sorted by score, best first, then by key.
 */
export function changeSuccessScores(changes: readonly ClosedChange[], incidents: readonly CausedIncident[], groupBy: ScoreGrouping): ChangeSuccessScore[] {
  const causedBy = new Map<string, CausedIncident[]>();
  for (const incident of incidents) causedBy.set(incident.changeId, [...(causedBy.get(incident.changeId) ?? []), incident]);
  const tallies = new Map<string, Tally>();
  for (const change of changes) {
    const caused = causedBy.get(change.changeId) ?? [];
    const penalty = caused.reduce((sum, i) => sum + (i.priority === null ? 0 : (INCIDENT_PENALTIES[i.priority] ?? 0)), 0);
    const points = CLOSE_CODE_POINTS[change.closeCode] - penalty;
    for (const key of keysOf(change, groupBy)) {
      const tally = tallies.get(key) ?? { changes: 0, outcomes: Object.fromEntries(CLOSE_CODES.map((c) => [c, 0])) as Record<CloseCode, number>, incidents: { p1: 0, p2: 0, p3: 0 }, score: 0 };
      tally.changes += 1;
      tally.outcomes[change.closeCode] += 1;
      for (const { priority } of caused) {
        if (priority === 1) tally.incidents.p1 += 1;
        else if (priority === 2) tally.incidents.p2 += 1;
        else if (priority === 3) tally.incidents.p3 += 1;
      }
      tally.score += points;
      tallies.set(key, tally);
    }
  }
  return [...tallies.entries()].map(([key, t]) => ({ key, ...t })).sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
