/** The shapes the agent workspace reads from its operations (operations.graphql, "Agent workspace"). */
import type { Page } from '../api/paging';
import type { IncidentSummary } from '../api/types';

export type { Page, PageInfo } from '../api/paging';

export type QueuePage = Page<IncidentSummary>;

export interface ImpactStep {
  readonly ciId: string;
  readonly ciName: string;
  readonly relationshipId: string;
  readonly typeId: string;
  readonly reading: string;
}

export interface AffectedService {
  readonly ciId: string;
  readonly classId: string;
  readonly name: string;
  readonly depth: number;
  readonly explanation: string;
  readonly path: readonly ImpactStep[];
}

export interface IncidentImpact {
  readonly id: string;
  readonly configurationItemIds: readonly string[];
  readonly serviceIds: readonly string[];
  readonly problemId: string | null;
  readonly affectedServices: readonly AffectedService[];
}

export type ProblemState = 'new' | 'assess' | 'root_cause_analysis' | 'fix_in_progress' | 'resolved' | 'closed' | 'canceled';
export const PROBLEM_STAGES = ['assess', 'root_cause_analysis', 'fix_in_progress'] as const;
export type ProblemStage = (typeof PROBLEM_STAGES)[number];

export interface ProblemSummary {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly state: ProblemState;
  readonly priority: number;
  readonly assignmentGroupId: string | null;
  readonly updatedAt: string;
  readonly knownError: { readonly recordedAt: string } | null;
}

export interface ProblemRecord extends Omit<ProblemSummary, 'knownError'> {
  readonly description: string;
  readonly impact: number;
  readonly urgency: number;
  readonly assigneeId: string | null;
  readonly serviceId: string | null;
  readonly configurationItemIds: readonly string[];
  readonly knownError: { readonly symptom: string; readonly rootCause: string; readonly workaround: string; readonly recordedBy: string; readonly recordedAt: string } | null;
  readonly resolutionNotes: string | null;
  readonly fixChangeId: string | null;
  readonly openedBy: string;
  readonly openedAt: string;
}
