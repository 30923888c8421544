/** The shapes the change pages read from their operations (api/operations.graphql, change section). */

export const CHANGE_STATES = ['new', 'assess', 'authorize', 'scheduled', 'implement', 'review', 'closed', 'canceled'] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];
export const CHANGE_MODELS = ['standard', 'normal', 'emergency'] as const;
export type ChangeModel = (typeof CHANGE_MODELS)[number];
export const RISK_LEVELS = ['low', 'moderate', 'high', 'very_high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const CLOSE_CODES = ['successful', 'successful_with_issues', 'failed', 'backed_out'] as const;
export const CAB_DECISIONS = ['authorise', 'reject', 'defer'] as const;
export type CabDecision = (typeof CAB_DECISIONS)[number];

export interface Window {
  readonly start: string;
  readonly end: string;
}

export interface ConflictSummary {
  readonly kind: string;
  readonly reason: string;
}

export interface Conflict extends ConflictSummary {
  readonly ciId: string | null;
  readonly relatedCiId: string | null;
  readonly relation: string | null;
  readonly otherChangeId: string | null;
  readonly otherChangeNumber: string | null;
  readonly windowId: string | null;
  readonly overlap: Window | null;
}

export interface ChangeSummary {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly model: ChangeModel;
  readonly state: ChangeState;
  readonly risk: { readonly level: RiskLevel } | null;
  readonly planned: Window | null;
  readonly conflicts: readonly ConflictSummary[];
}

export interface Risk {
  readonly level: RiskLevel;
  readonly decidedBy: 'rule' | 'questionnaire' | 'default';
  readonly ruleId: string | null;
  readonly reason: string;
}

export interface RiskAssessment {
  readonly risk: Risk;
  readonly matchedRules: readonly { readonly ruleId: string; readonly name: string; readonly level: RiskLevel; readonly reason: string }[];
  readonly questionnaireScore: number | null;
}

export interface ApprovalLevel {
  readonly index: number;
  readonly name: string;
  readonly mandatory: boolean;
  readonly rule: 'first_response' | 'all' | 'quorum';
  readonly quorumPercent: number | null;
  readonly approvalsNeeded: number;
  readonly approverIds: readonly string[];
  readonly status: 'waiting' | 'pending' | 'approved' | 'rejected' | 'skipped' | 'canceled';
  readonly decisions: readonly { readonly approverId: string; readonly onBehalfOf: string | null; readonly decision: 'approved' | 'rejected'; readonly comment: string | null; readonly at: string }[];
}

export interface ChangeRecord {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly description: string;
  readonly model: ChangeModel;
  readonly state: ChangeState;
  readonly requesterId: string;
  readonly assignmentGroupId: string | null;
  readonly assigneeId: string | null;
  readonly configurationItemIds: readonly string[];
  readonly serviceIds: readonly string[];
  readonly plans: { readonly implementation: string; readonly backout: string; readonly test: string };
  readonly planned: Window | null;
  readonly actualStart: string | null;
  readonly actualEnd: string | null;
  readonly authorisedAt: string | null;
  readonly closeCode: string | null;
  readonly risk: Risk | null;
  readonly approval: { readonly outcome: string; readonly startedAt: string; readonly closedAt: string | null; readonly levels: readonly ApprovalLevel[] } | null;
  readonly version: number;
}

export interface CalendarData {
  readonly changeCalendar: {
    readonly changes: readonly { readonly id: string; readonly number: string; readonly configurationItemIds: readonly string[]; readonly assigneeId: string | null; readonly start: string; readonly end: string }[];
    readonly maintenanceWindows: readonly { readonly windowId: string; readonly name: string; readonly scope: string; readonly targetId: string; readonly start: string; readonly end: string }[];
    readonly blackouts: readonly { readonly id: string; readonly name: string; readonly reason: string; readonly serviceIds: readonly string[]; readonly start: string; readonly end: string }[];
  };
}

/** What the calendar shows of a change beyond its window: its title and the conflicts the API reports. */
export interface CalendarChange {
  readonly id: string;
  readonly title: string;
  readonly state: ChangeState;
  readonly conflicts: readonly ConflictSummary[];
}

export interface CabMeeting {
  readonly id: string;
  readonly name: string;
  readonly slotMinutes: number;
  readonly memberIds: readonly string[];
  readonly memberGroupIds: readonly string[];
  readonly delegates: readonly { readonly delegateId: string; readonly forMemberId: string }[];
}

export interface CabItemDecision {
  readonly decision: CabDecision;
  readonly reason: string | null;
  readonly by: string;
  readonly onBehalfOf: string | null;
  readonly at: string;
}

export interface CabAgendaItem {
  readonly changeId: string;
  readonly number: string;
  readonly title: string;
  readonly risk: RiskLevel | null;
  readonly plannedStart: string | null;
  readonly slotStart: string;
  readonly slotEnd: string;
  readonly withinMeeting: boolean;
  readonly why: 'awaiting' | 'flagged';
  readonly decision: CabItemDecision | null;
}

export interface CabOccurrence {
  readonly meetingId: string;
  readonly meetingName: string;
  readonly start: string;
  readonly end: string;
  readonly agenda: readonly CabAgendaItem[];
  readonly minutes: { readonly publishedAt: string } | null;
}
