import type { OrganisationKindSchema } from '@itsm/contracts';
import type { Static } from '@sinclair/typebox';
import { CatalogueErrorCode, catalogueError } from '../catalogue.errors';

/**
 * Who may order what: named, reusable entitlement rules. An item names the rules that apply to it
 * by id (many items share a rule). A rule matches a requester when ANY of its criteria matches:
 * the requester's organisation is one of `organisationIds`, or its kind is one of
 * `organisationKinds`, or it holds one of `roles`, or belongs to one of `groupIds`.
 *
 * A `grant` rule lets the people it matches order the item; a `deny` rule stops them, whatever
 * grants them (deny beats grant). An item without grant rules is orderable by internal people
 * only (see is-entitled.ts).
 */

/** The directory's organisation kinds (internal, customer, supplier), as its topic publishes them. */
export type OrganisationKind = Static<typeof OrganisationKindSchema>;
const KINDS: readonly OrganisationKind[] = ['internal', 'customer', 'supplier'];

export const ENTITLEMENT_EFFECTS = ['grant', 'deny'] as const;
export type EntitlementEffect = (typeof ENTITLEMENT_EFFECTS)[number];

export interface EntitlementCriteria {
  readonly organisationIds: readonly string[];
  readonly organisationKinds: readonly OrganisationKind[];
  readonly roles: readonly string[];
  readonly groupIds: readonly string[];
}

export interface EntitlementRule extends EntitlementCriteria {
  readonly id: string;
  readonly name: string;
  readonly effect: EntitlementEffect;
}

/** Who asks to order: the caller builds it from the directory projection (roles include those its groups give). */
export interface RequesterProfile {
  readonly personId: string;
  /** Null for a person without organisation; `organisationKind` is then what the directory treats them as. */
  readonly organisationId: string | null;
  readonly organisationKind: OrganisationKind;
  readonly roles: readonly string[];
  readonly groupIds: readonly string[];
}

/** What an admin gives to create or replace a rule (untrusted: validated by `checkEntitlementRule`). */
export interface EntitlementRuleInput {
  readonly name: string;
  /** Default `grant`. */
  readonly effect?: string | null;
  readonly organisationIds?: readonly string[] | null;
  readonly organisationKinds?: readonly string[] | null;
  readonly roles?: readonly string[] | null;
  readonly groupIds?: readonly string[] | null;
}

export type CheckedEntitlementRule = Omit<EntitlementRule, 'id'>;

const MAX_NAME = 200;
/** Per criterion list: enough for any real rule, small enough that a browse stays cheap. */
export const MAX_CRITERION_VALUES = 500;

function invalid(field: string, message: string, extra: Record<string, string> = {}) {
  return catalogueError(CatalogueErrorCode.InvalidInput, message, { field, ...extra });
}

/** Distinct, sorted non-empty strings, or CATALOGUE.INVALID_INPUT naming the field (and the value). */
function values(list: readonly string[] | null | undefined, field: string): string[] {
  const given = list ?? [];
  if (given.length > MAX_CRITERION_VALUES) throw invalid(field, `${field} may list at most ${MAX_CRITERION_VALUES} values`);
  const bad = given.find((value) => typeof value !== 'string' || value.trim().length === 0 || value.length > MAX_NAME);
  if (bad !== undefined) throw invalid(field, `${field} holds an empty or over-long value`, { value: String(bad) });
  return [...new Set(given)].sort();
}

function kinds(list: readonly string[] | null | undefined): OrganisationKind[] {
  const given = values(list, 'organisationKinds');
  const unknown = given.find((value) => !(KINDS as readonly string[]).includes(value));
  if (unknown !== undefined) throw invalid('organisationKinds', `organisationKinds must be among ${KINDS.join(', ')}`, { value: unknown });
  return KINDS.filter((kind) => given.includes(kind));
}

/**
 * Validates a rule at save: a name of 1..200 characters, a known effect, and at least one
 * criterion (an empty rule would match nobody, so it is refused rather than stored). Lists come
 * back distinct and sorted. Refusals are CATALOGUE.INVALID_INPUT with `details.field` (and `rule`,
 * `value` where they help).
 */
export function checkEntitlementRule(input: EntitlementRuleInput): CheckedEntitlementRule {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name.length === 0 || name.length > MAX_NAME) throw invalid('name', `name must be 1 to ${MAX_NAME} characters`);
  const effect = input.effect ?? 'grant';
  if (!(ENTITLEMENT_EFFECTS as readonly string[]).includes(effect)) {
    throw invalid('effect', `effect must be one of ${ENTITLEMENT_EFFECTS.join(', ')}`, { rule: name, value: effect });
  }
  const rule: CheckedEntitlementRule = {
    name,
    effect: effect as EntitlementEffect,
    organisationIds: values(input.organisationIds, 'organisationIds'),
    organisationKinds: kinds(input.organisationKinds),
    roles: values(input.roles, 'roles'),
    groupIds: values(input.groupIds, 'groupIds'),
  };
  if (rule.organisationIds.length + rule.organisationKinds.length + rule.roles.length + rule.groupIds.length === 0) {
    throw invalid('criteria', `Entitlement rule "${name}" names no organisation, organisation kind, role or group.`, { rule: name });
  }
  return rule;
}

/** Whether any criterion of the rule matches the requester (its effect is the caller's business). */
export function ruleMatches(rule: EntitlementCriteria, profile: RequesterProfile): boolean {
  return (
    (profile.organisationId !== null && rule.organisationIds.includes(profile.organisationId)) ||
    rule.organisationKinds.includes(profile.organisationKind) ||
    rule.roles.some((role) => profile.roles.includes(role)) ||
    rule.groupIds.some((groupId) => profile.groupIds.includes(groupId))
  );
}
