import { issueDevToken } from '@itsm/platform/auth';
import type { Role } from '@itsm/platform/auth';

export interface GraphqlResult<T = Record<string, unknown>> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: readonly { message: string; extensions?: { code?: string; details?: Record<string, unknown> } }[];
}

/** Posts one GraphQL operation as JSON, the way a portal (or curl) does. */
export async function graphql<T = Record<string, unknown>>(url: string, token: string | undefined, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphqlResult<T>, 'status'>;
  return { status: response.status, ...body };
}

export const TEST_AUTH = { issuer: 'itsm-test', audience: 'itsm-test-api' };

export function tokenFor(keyFile: string, sub: string, roles: Role[], org?: string): Promise<string> {
  return issueDevToken(keyFile, { sub, name: sub, roles, ...(org ? { org } : {}) }, TEST_AUTH);
}

/** The first error code of a result (or undefined when it succeeded). */
export function errorCode(result: GraphqlResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}
