/** A SCIM answer as the tests read it: status, content type, ETag and the JSON body ({} when empty). */
export interface ScimAnswer {
  readonly status: number;
  readonly type: string | null;
  readonly etag: string | null;
  readonly body: Record<string, unknown> & { id?: string; active?: unknown; Resources?: Record<string, unknown>[]; totalResults?: number };
}

/** One SCIM request as an identity provider sends it: its bearer token, a JSON body as `application/scim+json`. */
export async function scimRequest(base: string, token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ScimAnswer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), etag: response.headers.get('etag'), body: text === '' ? {} : (JSON.parse(text) as ScimAnswer['body']) };
}
