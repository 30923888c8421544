import { parseCondition } from '@itsm/approval';
import type { ApprovalPolicy, Condition, LevelRule } from '@itsm/approval';
import { encodeCursor, pageRequest } from '@itsm/platform/graphql';
import { CatalogueErrorCode, approvalRefusal, catalogueError, currentVersion, formAsData, serviceSnapshot } from '../domain';
import type { CatalogueItem, Category, EntitlementRule, FormValue, ItemDraft, ItemVersion, PortfolioService, VariableCondition } from '../domain';
import { itemCursorKey } from '../persistence/catalogue-item.repository';
import { ruleCursorKey } from '../persistence/entitlement-rule.repository';
import { serviceCursorKey } from '../persistence/service.repository';
import type { CatalogApprovalPolicyInput, CatalogItemInput } from './portfolio.inputs';
import type { CatalogCategoryGql, CatalogItemGql, EntitlementRuleGql, PortfolioServiceGql } from './portfolio.types';

const invalid = (field: string, message: string) => catalogueError(CatalogueErrorCode.InvalidInput, message, { field });

/** A JSON text field, parsed; malformed JSON is CATALOGUE.INVALID_INPUT naming the field (the domain checks the shape). */
function json<T>(text: string | null | undefined, field: string): T | null {
  if (text === null || text === undefined || text.trim() === '') return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw invalid(field, `${field} is not JSON`);
  }
}

function levelRule(kind: string, percent: number | null | undefined, field: string): LevelRule {
  if (kind === 'first_response' || kind === 'all') return { kind };
  if (kind === 'quorum') return { kind, percent: percent ?? 0 };
  throw invalid(field, `${field} must be first_response, all or quorum`);
}

export function approvalPolicyOf(input: CatalogApprovalPolicyInput, at: string): ApprovalPolicy {
  const condition = (text: string | null | undefined, field: string): Condition | null => {
    const parsed = json<unknown>(text, field);
    try {
      return parsed === null ? null : parseCondition(parsed);
    } catch (error) {
      throw approvalRefusal(error, { field });
    }
  };
  return {
    id: input.id,
    name: input.name,
    order: input.order,
    active: input.active,
    appliesWhen: condition(input.appliesWhen, `${at}.appliesWhen`),
    autoApproveWhen: condition(input.autoApproveWhen, `${at}.autoApproveWhen`),
    levels: input.levels.map((l, i) => ({ name: l.name, approvers: { groupIds: l.groupIds, userIds: l.userIds, roles: l.roles }, rule: levelRule(l.rule, l.quorumPercent, `${at}.levels[${i}].rule`), mandatory: l.mandatory })),
  };
}

export function itemDraftOf(input: CatalogItemInput): ItemDraft {
  return {
    name: input.name,
    description: input.description,
    categoryId: input.categoryId,
    serviceId: input.serviceId ?? null,
    offeringId: input.offeringId ?? null,
    form: {
      variables: input.form.map((v) => ({
        ...v,
        options: v.options ?? [],
        visibleWhen: json<VariableCondition>(v.visibleWhen, `form.${v.name}.visibleWhen`),
        requiredWhen: json<VariableCondition>(v.requiredWhen, `form.${v.name}.requiredWhen`),
        defaultValue: json<FormValue>(v.defaultValue, `form.${v.name}.defaultValue`),
      })),
    },
    plan: { tasks: input.plan },
    approvalPolicies: input.approvalPolicies.map((p, i) => approvalPolicyOf(p, `approvalPolicies[${i}]`)),
    entitlementRuleIds: input.entitlementRuleIds,
    price: input.price ?? null,
    leadTimeDays: input.leadTimeDays,
  };
}

const asJson = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));

export function toItemGql(item: CatalogueItem, version: ItemVersion = currentVersion(item)): CatalogItemGql {
  return {
    id: item.id,
    version: version.version,
    currentVersion: currentVersion(item).version,
    status: item.status,
    name: version.name,
    description: version.description,
    categoryId: version.categoryId,
    serviceId: version.serviceId,
    offeringId: version.offeringId,
    price: { ...version.price },
    leadTimeDays: version.leadTimeDays,
    entitlementRuleIds: [...version.entitlementRuleIds],
    form: formAsData(version.form).variables.map((v) => ({
      ...v,
      options: [...v.options],
      visibleWhen: asJson(v.visibleWhen),
      requiredWhen: asJson(v.requiredWhen),
      defaultValue: asJson(v.defaultValue),
    })),
    plan: version.plan.tasks.map((t) => ({ ...t, variables: [...t.variables], predecessors: [...t.predecessors] })),
    approvalPolicyCount: version.approvalPolicies.length,
  };
}

export function toServiceGql(s: PortfolioService): PortfolioServiceGql {
  return {
    id: s.id,
    ...serviceSnapshot(s),
    approval:
      s.approval === null
        ? null
        : {
            outcome: s.approval.outcome,
            levels: s.approval.levels.map((l) => ({ index: l.index, name: l.name, status: l.status, approverIds: [...l.approverIds], decisions: l.decisions.map((d) => ({ approverId: d.approverId, decision: d.decision, comment: d.comment, at: d.at })) })),
          },
  };
}

export const toCategoryGql = (c: Category): CatalogCategoryGql => ({ ...c });
export const toRuleGql = (r: EntitlementRule): EntitlementRuleGql => ({ ...r, organisationIds: [...r.organisationIds], organisationKinds: [...r.organisationKinds], roles: [...r.roles], groupIds: [...r.groupIds] });

/** Cursors: the record's sort key (lower-cased name, NUL, id) under a namespace. */
export const itemCursor = (item: CatalogueItem): string => encodeCursor('citem', itemCursorKey(item));
export const serviceCursor = (s: PortfolioService): string => encodeCursor('csvc', serviceCursorKey(s));
export const ruleCursor = (r: EntitlementRule): string => encodeCursor('crule', ruleCursorKey(r));

export function portfolioPage(namespace: 'citem' | 'csvc' | 'crule' | 'cbundle', args: { readonly first: number; readonly after?: string | null }, maxFirst: number): { readonly first: number; readonly after: string | null } {
  const request = pageRequest(args, { cursor: namespace, maxFirst, parseKey: (key) => (key.includes('\u0000') ? key : undefined), invalid: (field, message) => invalid(field, message) });
  return { first: request.first, after: request.after ?? null };
}
