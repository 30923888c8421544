import { encodeCursor, pageRequest } from '@itsm/platform/graphql';
import type { PageRequestRules } from '@itsm/platform/graphql';
import { ChangeError, ChangeErrorCode } from '../../domain';
import type { GateLogEntry, PipelineToken } from '../../domain';
import type { GateLogKey } from '../../application/ports';
import type { GateAnswerGql, PipelineTokenGql } from './gate.types';

export const MAX_GATE_ANSWERS_PAGE = 200;
const CURSOR = 'gate';

/** A gate-log cursor holds the entry's time and id (`<ms>|<id>`): the log's sort key. */
const GATE_PAGES: PageRequestRules<GateLogKey> = {
  cursor: CURSOR,
  maxFirst: MAX_GATE_ANSWERS_PAGE,
  parseKey: (key) => {
    const match = /^(\d{1,15})\|([0-9a-f]{24})$/.exec(key);
    return match === null ? undefined : { at: new Date(Number(match[1])), id: match[2] ?? '' };
  },
  invalid: (field, message) => new ChangeError(ChangeErrorCode.InvalidInput, message, { field }),
};

export function gatePageRequest(first: number, after: string | undefined): { readonly first: number; readonly after: GateLogKey | undefined } {
  return pageRequest({ first, after }, GATE_PAGES);
}

export function gateCursor(entry: GateLogEntry): string {
  return encodeCursor(CURSOR, `${entry.at.getTime()}|${entry.id}`);
}

export function toPipelineTokenGql(token: PipelineToken): PipelineTokenGql {
  return { id: token.id, name: token.name, createdBy: token.createdBy, createdAt: token.createdAt, revokedAt: token.revokedAt };
}

export function toGateAnswerGql(entry: GateLogEntry): GateAnswerGql {
  return {
    id: entry.id,
    at: entry.at,
    tokenId: entry.tokenId,
    pipeline: entry.pipeline,
    ciId: entry.ciId,
    serviceId: entry.service?.id ?? null,
    environment: entry.service?.environment ?? null,
    requestedChange: entry.requestedChange,
    allowed: entry.allowed,
    reason: entry.reason,
    message: entry.message,
    changeId: entry.changeId,
    changeNumber: entry.changeNumber,
    windowStart: entry.window?.start ?? null,
    windowEnd: entry.window?.end ?? null,
  };
}
