/*
 * Change enablement's records as the domain sees them (no persistence or transport shape). The
 * rules that create and move them live beside these types in domain/ (lifecycle, risk, calendar,
 * conflicts, CAB, audit); this file is the vocabulary every layer shares. Value lists are the
 * contract's (`itsm.change.v1`), so GraphQL enums and events cannot drift from the domain.
 */

export const CHANGE_MODELS = ['standard', 'normal', 'emergency'] as const;
export type ChangeModel = (typeof CHANGE_MODELS)[number];

/** ServiceNow's states (ITSM-REFERENCE.md); review and closed cannot be canceled. */
export const CHANGE_STATES = ['new', 'assess', 'authorize', 'scheduled', 'implement', 'review', 'closed', 'canceled'] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

export const CLOSE_CODES = ['successful', 'successful_with_issues', 'failed', 'backed_out'] as const;
export type CloseCode = (typeof CLOSE_CODES)[number];

/** Ordered: a later level is a higher risk ("the higher risk wins"). */
export const RISK_LEVELS = ['low', 'moderate', 'high', 'very_high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface RiskExplanation {
  readonly level: RiskLevel;
  readonly decidedBy: 'rule' | 'questionnaire' | 'default';
  readonly ruleId: string | null;
  readonly reason: string;
}

/** A planned or actual window: start inclusive, end exclusive; end after start. */
export interface TimeWindow {
  readonly start: Date;
  readonly end: Date;
}

export interface ChangePlans {
  readonly implementation: string;
  readonly backout: string;
  readonly test: string;
}

export interface PostImplementationReview {
  readonly outcome: CloseCode;
  readonly lessons: string;
  readonly by: string;
  readonly at: Date;
}

export interface Change {
  /** Stable id (also its number's source); never reused. */
  readonly id: string;
  /** CHG0001000 onwards. */
  readonly number: string;
  readonly model: ChangeModel;
  readonly state: ChangeState;
  readonly title: string;
  readonly description: string;
  /** The standard-change template it came from (standard changes always have one). */
  readonly templateId: string | null;
  readonly requesterId: string;
  readonly assignmentGroupId: string | null;
  /** The assignment group's supplier organisation (SIAM), when it is one. */
  readonly assignedOrgId: string | null;
  readonly assigneeId: string | null;
  readonly configurationItemIds: readonly string[];
  readonly serviceIds: readonly string[];
  readonly plans: ChangePlans;
  readonly planned: TimeWindow | null;
  readonly actualStart: Date | null;
  readonly actualEnd: Date | null;
  readonly risk: RiskExplanation | null;
  readonly closeCode: CloseCode | null;
  readonly closeNotes: string | null;
  /** When the change was authorised (standard changes: at request, pre-approved), else null. */
  readonly authorisedAt: Date | null;
  /** An emergency change authorised after implementation started. */
  readonly retrospectivelyAuthorised: boolean;
  /** Why a blackout was overridden (emergency changes only), else null. */
  readonly blackoutOverrideReason: string | null;
  readonly review: PostImplementationReview | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Optimistic version: +1 per write. */
  readonly version: number;
}
