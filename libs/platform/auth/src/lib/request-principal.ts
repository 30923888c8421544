import { AuthError, AuthErrorCode } from './auth.errors';
import { bearerToken } from './bearer-token';
import type { Principal } from './principal';
import type { TokenVerifier } from './token-verifier';

/** The part of an HTTP request (Express or Fastify) authentication reads. */
export interface RequestWithHeaders {
  readonly headers?: Readonly<Record<string, string | string[] | undefined>>;
}

const pending = new WeakMap<object, Promise<Principal>>();
const verified = new WeakMap<object, Principal>();

/**
 * Verifies the request's bearer token once per request: every resolver of one operation shares the
 * result (including a failure). `carrier` is the request, or the GraphQL context when there is none.
 */
export function authenticateRequest(carrier: object, request: RequestWithHeaders | undefined, verifier: TokenVerifier): Promise<Principal> {
  let principal = pending.get(carrier);
  if (!principal) {
    const token = bearerToken(request?.headers?.['authorization']);
    principal = token
      ? verifier.verify(token).then((p) => {
          verified.set(carrier, p);
          return p;
        })
      : Promise.reject(new AuthError(AuthErrorCode.Unauthenticated, 'a bearer token is required'));
    // The rejection is observed by the caller; this handler only keeps it from being reported twice.
    principal.catch(() => undefined);
    pending.set(carrier, principal);
  }
  return principal;
}

/** The principal a previous authenticateRequest verified for this carrier, if any. */
export function verifiedPrincipal(carrier: object): Principal | undefined {
  return verified.get(carrier);
}
