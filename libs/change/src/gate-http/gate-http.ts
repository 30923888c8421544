import type { ErrorKind } from '@itsm/contracts';
import type { HttpAnswer } from '@itsm/platform/service';
import type { ServerResponse } from 'node:http';
import { CHANGE_ERROR_KINDS, ChangeErrorCode } from '../domain';
import type { ChangeError, GateLogEntry } from '../domain';

/** Where pipelines ask the deployment gate: `POST /change/v1/gate` (the context's own-body route). */
export const GATE_PATH = 'change/v1/gate';
export const GATE_ROUTE_PREFIX = `/${GATE_PATH}`;
/** The largest gate request read (a few ids and a pipeline name); larger: 413. */
export const GATE_MAX_BODY_BYTES = 16 * 1024;
const JSON_TYPE = 'application/json; charset=utf-8';

/** What the gate answers a pipeline: 200 when it may deploy, 403 when not; the same JSON either way. */
export interface GateAnswerJson {
  readonly allowed: boolean;
  readonly reason: string;
  readonly message: string;
  readonly answerId: string;
  readonly answeredAt: string;
  readonly ciId: string;
  readonly change: { readonly id: string; readonly number: string } | null;
  readonly window: { readonly start: string; readonly end: string } | null;
}

export function toGateAnswerJson(entry: GateLogEntry): GateAnswerJson {
  return {
    allowed: entry.allowed,
    reason: entry.reason,
    message: entry.message,
    answerId: entry.id,
    answeredAt: entry.at.toISOString(),
    ciId: entry.ciId,
    change: entry.changeId === null || entry.changeNumber === null ? null : { id: entry.changeId, number: entry.changeNumber },
    window: entry.window === null ? null : { start: entry.window.start.toISOString(), end: entry.window.end.toISOString() },
  };
}

/** A refused gate request as JSON: `{ error: { code, kind, message, details } }`. */
export function gateErrorBody(code: string, message: string, details: ChangeError['details'] = {}): string {
  const kinds: Readonly<Record<string, string>> = CHANGE_ERROR_KINDS;
  return JSON.stringify({ error: { code, kind: kinds[code] ?? 'internal', message, details } });
}

const STATUS_OF_KIND: Readonly<Record<ErrorKind, number>> = { invalid_input: 400, not_found: 404, forbidden: 403, illegal_state: 409, conflict: 409, unavailable: 503 };

/** The HTTP status of a refused request by its code's kind (UNAUTHENTICATED: 401, TOO_MANY: 429). */
export function gateErrorStatus(code: ChangeErrorCode): number {
  if (code === ChangeErrorCode.Unauthenticated) return 401;
  if (code === ChangeErrorCode.TooMany) return 429;
  return STATUS_OF_KIND[CHANGE_ERROR_KINDS[code]];
}

/** Writes a refusal (once: nothing when an answer already started). */
export function refuseGate(response: ServerResponse, status: number, body: string, headers: Readonly<Record<string, string>> = {}): void {
  if (response.headersSent) return;
  response.statusCode = status;
  response.setHeader('Content-Type', JSON_TYPE);
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.end(body);
}

/** What the all-in-one's gateway answers in the change service's place when it cannot reach it (503) or it is too slow (504): deny, retry later. */
export function gateUnreachable(status: 503 | 504, detail: string): HttpAnswer {
  return { contentType: JSON_TYPE, body: gateErrorBody(ChangeErrorCode.Unavailable, `the deployment gate cannot answer (${status}): ${detail}`) };
}
