/** A signed-in person: the bearer token and who it names (from its claims). */
export interface Session {
  readonly token: string;
  readonly sub: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly org: string | undefined;
}

const KEY = 'itsm.portal.session';

/** The claims of a JWT's payload (not verified here: the gateway verifies every request). */
export function sessionOf(token: string): Session {
  const part = token.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as { sub?: string; name?: string; roles?: string[]; org?: string };
  return { token, sub: claims.sub ?? '', name: claims.name ?? claims.sub ?? '', roles: claims.roles ?? [], org: claims.org };
}

export function storedSession(): Session | undefined {
  const token = sessionStorage.getItem(KEY);
  return token === null ? undefined : sessionOf(token);
}

/** How the person signed in: with the identity provider (renewals, its sign-out) or as a development persona. */
export type SignInMethod = 'oidc' | 'persona';
const METHOD_KEY = 'itsm.portal.signedInWith';

/** Keeps the token (and, on sign-in, how it was got); undefined forgets both. */
export function storeSession(token: string | undefined, method?: SignInMethod): void {
  if (token === undefined) {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(METHOD_KEY);
  } else {
    sessionStorage.setItem(KEY, token);
    if (method !== undefined) sessionStorage.setItem(METHOD_KEY, method);
  }
}

export function storedSignInMethod(): SignInMethod | undefined {
  const method = sessionStorage.getItem(METHOD_KEY);
  return method === 'oidc' || method === 'persona' ? method : undefined;
}

const STAFF = ['agent', 'supplier-agent', 'incident-manager', 'problem-manager', 'admin'];

/** Staff and supplier agents work queues; everyone else starts at their own tickets. */
export const worksQueues = (session: Session): boolean => session.roles.some((role) => STAFF.includes(role));
