import { ChangeError, ChangeErrorCode } from '../change.errors';
import { RISK_LEVELS } from '../change.model';
import type { RiskLevel } from '../change.model';

/**
 * Admin-defined risk rules: each a typed condition over the change and its CI footprint (no
 * expressions, no eval) and the level it gives when it matches. The higher level wins
 * (assess-risk.ts); the explanation names the rule that decided it.
 */

export const RISK_CONDITION_KINDS = [
  'critical_service_affected',
  'insufficient_lead_time',
  'outside_maintenance_window',
  'recent_failed_changes',
  'impacted_services',
] as const;
export type RiskConditionKind = (typeof RISK_CONDITION_KINDS)[number];

/** The `criticality` attribute values a service CI may carry that count as critical (CMDB vocabulary). */
export const CRITICALITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export type RiskCondition =
  /** A service CI with one of these criticalities is among the change's CIs or one relationship away. */
  | { readonly kind: 'critical_service_affected'; readonly criticalities: readonly Criticality[] }
  /** The planned start is less than `minimumHours` after the assessment. */
  | { readonly kind: 'insufficient_lead_time'; readonly minimumHours: number }
  /** A CI of the change has maintenance windows and the planned window is not inside them. */
  | { readonly kind: 'outside_maintenance_window' }
  /** At least `atLeast` failed or backed-out changes closed on any of the change's CIs in the last `withinDays` days. */
  | { readonly kind: 'recent_failed_changes'; readonly atLeast: number; readonly withinDays: number }
  /** At least `atLeast` distinct services affected (directly or one relationship away). */
  | { readonly kind: 'impacted_services'; readonly atLeast: number };

export interface RiskRule {
  readonly id: string;
  readonly name: string;
  readonly condition: RiskCondition;
  readonly level: RiskLevel;
  readonly active: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

/** What an admin gives to create or replace a rule (untrusted: validated by `checkRiskRule`). */
export interface RiskRuleInput {
  readonly name: string;
  readonly condition: {
    readonly kind: string;
    readonly criticalities?: readonly string[] | null;
    readonly minimumHours?: number | null;
    readonly atLeast?: number | null;
    readonly withinDays?: number | null;
  };
  readonly level: string;
  readonly active: boolean;
}

export type CheckedRiskRule = Pick<RiskRule, 'name' | 'condition' | 'level' | 'active'>;

const MAX_HOURS = 24 * 365;
const MAX_DAYS = 3_650;
const MAX_COUNT = 10_000;

export function invalidRisk(field: string, message: string): ChangeError {
  return new ChangeError(ChangeErrorCode.InvalidInput, message, { field });
}

/** An integer in [min, max], or CHANGE.INVALID_INPUT naming the field. */
export function boundedInteger(value: number | null | undefined, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidRisk(field, `${field} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** A trimmed text of 1..max characters. */
export function requiredText(value: unknown, field: string, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length === 0 || text.length > max) throw invalidRisk(field, `${field} must be 1 to ${max} characters`);
  return text;
}

export function isRiskLevel(value: string): value is RiskLevel {
  return (RISK_LEVELS as readonly string[]).includes(value);
}

export function riskLevel(value: string, field: string): RiskLevel {
  if (!isRiskLevel(value)) throw invalidRisk(field, `${field} must be one of ${RISK_LEVELS.join(', ')}`);
  return value;
}

function criticalities(values: readonly string[] | null | undefined): Criticality[] {
  const list = values ?? [];
  const known = new Set<string>(CRITICALITIES);
  const unknown = list.find((value) => !known.has(value));
  if (list.length === 0 || unknown !== undefined) {
    throw invalidRisk('condition.criticalities', `condition.criticalities must name one or more of ${CRITICALITIES.join(', ')}`);
  }
  return CRITICALITIES.filter((c) => list.includes(c));
}

function checkCondition(input: RiskRuleInput['condition']): RiskCondition {
  const kind = input.kind as RiskConditionKind;
  switch (kind) {
    case 'critical_service_affected':
      return { kind, criticalities: criticalities(input.criticalities) };
    case 'insufficient_lead_time':
      return { kind, minimumHours: boundedInteger(input.minimumHours, 'condition.minimumHours', 1, MAX_HOURS) };
    case 'outside_maintenance_window':
      return { kind };
    case 'recent_failed_changes':
      return {
        kind,
        atLeast: boundedInteger(input.atLeast, 'condition.atLeast', 1, MAX_COUNT),
        withinDays: boundedInteger(input.withinDays, 'condition.withinDays', 1, MAX_DAYS),
      };
    case 'impacted_services':
      return { kind, atLeast: boundedInteger(input.atLeast, 'condition.atLeast', 1, MAX_COUNT) };
    default:
      throw invalidRisk('condition.kind', `condition.kind must be one of ${RISK_CONDITION_KINDS.join(', ')}`);
  }
}

/** Validates an admin's rule: CHANGE.INVALID_INPUT with the offending field, else the rule's checked parts. */
export function checkRiskRule(input: RiskRuleInput): CheckedRiskRule {
  if (typeof input.active !== 'boolean') throw invalidRisk('active', 'active must be true or false');
  return {
    name: requiredText(input.name, 'name', 120),
    condition: checkCondition(input.condition),
    level: riskLevel(input.level, 'level'),
    active: input.active,
  };
}
