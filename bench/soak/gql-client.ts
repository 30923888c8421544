/** GraphQL over HTTP for bench:soak: every answer is classified; an error has a kind for the tally. */

export interface GraphqlError {
  readonly message?: string;
  readonly extensions?: { readonly code?: string };
}

/** An answer, or the kind of failure (`http_502`, `graphql_INCIDENT.ILLEGAL_TRANSITION`, `timeout`, `network`, `malformed`). */
export type Outcome<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly kind: string; readonly detail: string };

export const REQUEST_TIMEOUT_MS = 30_000;

export class GraphqlClient {
  constructor(private readonly url: string) {}

  /** Posts one operation; `check` turns `data` into the typed answer or explains why it is malformed. */
  async request<T>(token: string, query: string, variables: Readonly<Record<string, unknown>>, check: (data: unknown) => T | string): Promise<Outcome<T>> {
    let status = 0;
    let text = '';
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      status = response.status;
      text = await response.text();
    } catch (error: unknown) {
      const name = error instanceof Error ? error.name : '';
      const kind = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network';
      return { ok: false, kind, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    let body: { data?: unknown; errors?: readonly GraphqlError[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return { ok: false, kind: `http_${status}`, detail: `not JSON: ${text.slice(0, 200)}` };
    }
    const first = body.errors?.[0];
    if (first !== undefined) return { ok: false, kind: `graphql_${first.extensions?.code ?? 'NO_CODE'}`, detail: `HTTP ${status}: ${first.message ?? ''}`.slice(0, 300) };
    if (status < 200 || status > 299) return { ok: false, kind: `http_${status}`, detail: text.slice(0, 200) };
    const checked = check(body.data);
    if (typeof checked === 'string') return { ok: false, kind: 'malformed', detail: `${checked}: ${text.slice(0, 200)}` };
    return { ok: true, data: checked };
  }
}

/** `data[field]` when it is an object, else undefined. */
export function field(data: unknown, name: string): Record<string, unknown> | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const value = (data as Record<string, unknown>)[name];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** `data[field]` when it is an array, else undefined. */
export function list(data: unknown, name: string): unknown[] | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const value = (data as Record<string, unknown>)[name];
  return Array.isArray(value) ? value : undefined;
}
