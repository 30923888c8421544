import type { JWTPayload } from 'jose';
import { AuthError, AuthErrorCode } from './auth.errors';
import type { Principal } from './principal';
import { isRole } from './roles';

const unauthenticated = (message: string): AuthError => new AuthError(AuthErrorCode.Unauthenticated, message);

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * Maps verified JWT claims to a Principal: `sub`, `name`, `roles` (unknown roles are dropped; none
 * left is unauthenticated), `org` (required for a supplier agent).
 */
export function principalFromClaims(claims: JWTPayload): Principal {
  if (!nonEmptyString(claims.sub)) throw unauthenticated('the token has no subject');
  const roles = Array.isArray(claims['roles']) ? [...new Set(claims['roles'].filter(isRole))] : [];
  if (roles.length === 0) throw unauthenticated('the token grants no known role');
  const org = claims['org'];
  const orgId = nonEmptyString(org) ? org : undefined;
  if (roles.includes('supplier-agent') && orgId === undefined) {
    throw unauthenticated('a supplier-agent token must name its organisation (org claim)');
  }
  const name = claims['name'];
  return { userId: claims.sub, name: nonEmptyString(name) ? name : claims.sub, roles, orgId };
}
