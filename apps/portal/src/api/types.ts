/** The shapes the portal reads from its operations (api/operations.ts), as the gateway answers them. */

export type IncidentState = 'new' | 'in_progress' | 'on_hold' | 'resolved' | 'closed' | 'canceled';
export const HOLD_REASONS = ['awaiting_caller', 'awaiting_change', 'awaiting_vendor'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number] | 'awaiting_problem';

/** A clock as lists show it; the incident record reads its breach time too. */
export interface SlaClock {
  readonly clockId: string;
  readonly definitionName: string;
  readonly running: boolean;
  readonly hasBreached: boolean;
  readonly stoppedAt: string | null;
  readonly remainingSeconds: number;
  readonly elapsedPercent: number;
  readonly breachAt?: string | null;
}

export interface IncidentSummary {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly state: IncidentState;
  readonly priority: number;
  readonly assignmentGroupId: string | null;
  readonly assigneeId: string | null;
  readonly updatedAt: string;
  readonly slas: readonly SlaClock[];
}

export interface IncidentRecord extends IncidentSummary {
  readonly holdReason: HoldReason | null;
  readonly callerId: string;
  readonly openedAt: string;
  readonly description: string;
  readonly impact: number;
  readonly urgency: number;
  readonly category: string | null;
  readonly assignedOrgId: string | null;
  readonly version: number;
  readonly resolution: { readonly code: string; readonly notes: string; readonly by: string; readonly at: string } | null;
  readonly notes: readonly { readonly id: string; readonly kind: string; readonly body: string; readonly authorId: string; readonly at: string }[];
}

export interface AssignmentGroup {
  readonly id: string;
  readonly name: string;
  readonly orgId: string;
  readonly members: readonly { readonly userName: string }[];
}

export interface Connection<T> {
  readonly edges: readonly { readonly node: T }[];
}
