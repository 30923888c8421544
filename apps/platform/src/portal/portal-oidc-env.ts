import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { ConfigError } from '@itsm/platform/config';

/**
 * The portal's OpenID Connect sign-in (production): the identity provider (its issuer, where
 * /.well-known/openid-configuration is), the portal's public client id there and the scopes it asks.
 * Unset: no OIDC sign-in (the persona picker, with the development key).
 */
export const PortalOidcEnv = Type.Object({
  PORTAL_OIDC_ISSUER: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 1024, expected: 'an http:// or https:// URL' })),
  PORTAL_OIDC_CLIENT_ID: Type.Optional(Type.String({ minLength: 1, maxLength: 256, pattern: '^[\\x21-\\x7e]+$', expected: 'a client id (printable, no spaces)' })),
  /** Space-separated; offline_access asks for a refresh token (the portal renews with it before expiry). */
  PORTAL_OIDC_SCOPES: Type.String({ default: 'openid profile offline_access', minLength: 1, maxLength: 1024, pattern: '^[\\x21-\\x7e]+( [\\x21-\\x7e]+)*$', expected: 'space-separated scopes' }),
});
export type PortalOidcEnv = Static<typeof PortalOidcEnv>;

/** What the portal reads to sign in with the identity provider (part of /portal-config.json). */
export interface PortalOidc {
  readonly authority: string;
  readonly clientId: string;
  readonly scopes: string;
}

/** The OIDC settings, or undefined when none are set; both the issuer and the client id, or neither; scopes with `openid`. */
export function toPortalOidc(env: PortalOidcEnv): PortalOidc | undefined {
  const { PORTAL_OIDC_ISSUER: issuer, PORTAL_OIDC_CLIENT_ID: clientId, PORTAL_OIDC_SCOPES: scopes } = env;
  if (issuer === undefined && clientId === undefined) return undefined;
  if (issuer === undefined || clientId === undefined) {
    const missing = issuer === undefined ? 'PORTAL_OIDC_ISSUER' : 'PORTAL_OIDC_CLIENT_ID';
    throw new ConfigError([{ variable: missing, message: 'set both PORTAL_OIDC_ISSUER and PORTAL_OIDC_CLIENT_ID for the portal\'s OpenID Connect sign-in, or neither' }]);
  }
  if (!scopes.split(' ').includes('openid')) throw new ConfigError([{ variable: 'PORTAL_OIDC_SCOPES', message: 'the scopes must include openid' }]);
  return { authority: issuer.replace(/\/+$/, ''), clientId, scopes };
}

/**
 * The all-in-one: OIDC sign-in needs the gateway to verify the provider's tokens (AUTH_JWKS_URL);
 * with the development key alone every provider token would be refused after sign-in.
 */
export function assertPortalOidcVerifiable(oidc: PortalOidc | undefined, jwksUrl: string | undefined): void {
  if (oidc !== undefined && jwksUrl === undefined) {
    throw new ConfigError([{ variable: 'AUTH_JWKS_URL', message: "PORTAL_OIDC_ISSUER is set: set AUTH_JWKS_URL to the identity provider's JWKS too, so the gateway accepts its tokens" }]);
  }
}

/** The portal's content security policy: its own scripts and styles only; GraphQL (HTTP, WebSocket) to this origin and, with OIDC, the identity provider's origin. */
export function portalCsp(oidc: PortalOidc | undefined): string {
  const idp = oidc === undefined ? '' : ` ${new URL(oidc.authority).origin}`;
  return `default-src 'self'; connect-src 'self' ws: wss:${idp}; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`;
}
