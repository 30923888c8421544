import { TextSchema } from '@itsm/contracts';
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ChangeError, ChangeErrorCode } from '../change.errors';

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._:@-]*$' });

/** The JSON a pipeline posts to the gate: a CI (its id, or an application service and an environment), optionally the change it deploys under. */
export const GateRequestSchema = Type.Object(
  {
    ciId: Type.Optional(Id),
    /** An application service CI: with `environment`, the gate deploys to the service CI of that environment (itself or one relationship away). */
    service: Type.Optional(Id),
    environment: Type.Optional(Type.String({ minLength: 1, maxLength: 32, pattern: '^[a-z][a-z0-9_-]*$' })),
    /** The change the pipeline deploys under (CHG number or id): then only that change can open the gate. */
    change: Type.Optional(Id),
    /** The pipeline's name or run (logged with the answer); the token's name when absent. */
    pipeline: Type.Optional(TextSchema({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
type GateRequestJson = Static<typeof GateRequestSchema>;

export type GateTarget = { readonly kind: 'ci'; readonly ciId: string } | { readonly kind: 'service'; readonly serviceId: string; readonly environment: string };

export interface GateRequest {
  readonly target: GateTarget;
  readonly change: string | null;
  readonly pipeline: string | null;
}

function invalid(message: string, field: string): ChangeError {
  return new ChangeError(ChangeErrorCode.InvalidInput, message, { field });
}

/** A gate request from a parsed JSON body: the schema's first problem, or a CI named twice or not at all, is CHANGE.INVALID_INPUT. */
export function readGateRequest(body: unknown): GateRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('the body must be a JSON object', '');
  const problem = Value.Errors(GateRequestSchema, body).First();
  if (problem !== undefined) {
    const field = problem.path.replace(/^\//, '');
    throw invalid(`${field === '' ? 'body' : field}: ${problem.message}`, field);
  }
  const json = body as GateRequestJson;
  const byService = json.service !== undefined || json.environment !== undefined;
  if (json.ciId !== undefined && byService) throw invalid('give ciId, or service and environment, not both', 'ciId');
  if (json.ciId !== undefined) return { target: { kind: 'ci', ciId: json.ciId }, change: json.change ?? null, pipeline: json.pipeline ?? null };
  if (json.service === undefined || json.environment === undefined) throw invalid('give ciId, or service and environment', json.service === undefined ? 'service' : 'environment');
  return { target: { kind: 'service', serviceId: json.service, environment: json.environment }, change: json.change ?? null, pipeline: json.pipeline ?? null };
}
