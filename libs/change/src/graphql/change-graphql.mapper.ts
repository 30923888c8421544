import { encodeCursor, pageRequest } from '@itsm/platform/graphql';
import { sequenceOfNumber } from '../application/change-ids';
import { templateCursorKey } from '../persistence/change-template.repository';
import { ChangeError, ChangeErrorCode, EMPTY_PLANS } from '../domain';
import type { ChainVerdict, Change, ChangePlans, ChangeTemplate, TemplateDetails, TimeWindow } from '../domain';
import type { ChangePlansInput, ChangeTemplateInput, ChangeWindowInput } from './change.inputs';
import type { ChangeAuditVerdictGql, ChangeGql, ChangeTemplateGql } from './change.types';

export function toChangeGql(change: Change): ChangeGql {
  return {
    ...change,
    configurationItemIds: [...change.configurationItemIds],
    serviceIds: [...change.serviceIds],
    plans: { ...change.plans },
    planned: change.planned === null ? null : { ...change.planned },
    risk: change.risk === null ? null : { ...change.risk },
    review: change.review === null ? null : { ...change.review },
  };
}

export function toTemplateGql(template: ChangeTemplate): ChangeTemplateGql {
  return {
    ...template,
    plans: { ...template.plans },
    configurationItemIds: [...template.configurationItemIds],
    serviceIds: [...template.serviceIds],
    cursor: encodeCursor('tpl', templateCursorKey(template)),
  };
}

export function toVerdictGql(verdict: ChainVerdict): ChangeAuditVerdictGql {
  return verdict.ok
    ? { ok: true, entries: verdict.entries, brokenSeq: null, reason: null, detail: null }
    : { ok: false, entries: verdict.seq - 1, brokenSeq: verdict.seq, reason: verdict.reason, detail: verdict.detail };
}

export const plansOf = (input: ChangePlansInput | null | undefined): ChangePlans => (input ? { implementation: input.implementation, backout: input.backout, test: input.test } : EMPTY_PLANS);

export const windowOf = (input: ChangeWindowInput | null | undefined): TimeWindow | null => (input ? { start: input.start, end: input.end } : null);

export function templateDetailsOf(input: ChangeTemplateInput): TemplateDetails {
  return { ...input, plans: plansOf(input.plans), assignmentGroupId: input.assignmentGroupId ?? null };
}

const invalid = (field: string, message: string) => new ChangeError(ChangeErrorCode.InvalidInput, message, { field });

/** Changes page by their number's sequence, newest first. */
export function changeCursor(change: Change): string {
  return encodeCursor('chg', sequenceOfNumber(change.number));
}

export function changePage(args: { readonly first: number; readonly after?: string | null }, maxFirst: number): { readonly first: number; readonly after: number | undefined } {
  return pageRequest(args, { cursor: 'chg', maxFirst, parseKey: (key) => (/^[1-9][0-9]{0,14}$/.test(key) ? Number(key) : undefined), invalid });
}

export function templatePage(args: { readonly first: number; readonly after?: string | null }): { readonly first: number; readonly after: string | undefined } {
  return pageRequest(args, { cursor: 'tpl', maxFirst: 200, parseKey: (key) => key, invalid });
}
