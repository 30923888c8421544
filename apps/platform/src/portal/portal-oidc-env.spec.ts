import { ConfigError } from '@itsm/platform/config';
import { assertPortalOidcVerifiable, portalCsp, toPortalOidc } from './portal-oidc-env';

describe("the portal's OpenID Connect settings", () => {
  const scopes = 'openid profile offline_access';

  it('is off without an issuer and a client id, on with both', () => {
    expect(toPortalOidc({ PORTAL_OIDC_SCOPES: scopes })).toBeUndefined();
    expect(toPortalOidc({ PORTAL_OIDC_ISSUER: 'https://login.example.com/realms/itsm/', PORTAL_OIDC_CLIENT_ID: 'itsm-portal', PORTAL_OIDC_SCOPES: scopes })).toEqual({ authority: 'https://login.example.com/realms/itsm', clientId: 'itsm-portal', scopes });
  });

  it('refuses one without the other, and scopes without openid, naming the variable', () => {
    const variableOf = (run: () => unknown): string | undefined => {
      try {
        run();
      } catch (error: unknown) {
        if (error instanceof ConfigError) return error.problems.map((problem) => problem.variable).join();
        throw error;
      }
      return undefined;
    };
    expect(variableOf(() => toPortalOidc({ PORTAL_OIDC_ISSUER: 'https://idp.example.com', PORTAL_OIDC_SCOPES: scopes }))).toBe('PORTAL_OIDC_CLIENT_ID');
    expect(variableOf(() => toPortalOidc({ PORTAL_OIDC_CLIENT_ID: 'portal', PORTAL_OIDC_SCOPES: scopes }))).toBe('PORTAL_OIDC_ISSUER');
    expect(variableOf(() => toPortalOidc({ PORTAL_OIDC_ISSUER: 'https://idp.example.com', PORTAL_OIDC_CLIENT_ID: 'portal', PORTAL_OIDC_SCOPES: 'profile' }))).toBe('PORTAL_OIDC_SCOPES');
  });

  it("lets the portal's scripts reach the identity provider's origin, nothing else new", () => {
    expect(portalCsp(undefined)).toContain("connect-src 'self' ws: wss:;");
    expect(portalCsp({ authority: 'https://login.example.com:8443/realms/itsm', clientId: 'p', scopes })).toContain("connect-src 'self' ws: wss: https://login.example.com:8443;");
  });

  it('refuses OIDC sign-in in the all-in-one without the JWKS that verifies its tokens', () => {
    const oidc = { authority: 'https://idp.example.com', clientId: 'portal', scopes };
    expect(() => assertPortalOidcVerifiable(oidc, undefined)).toThrow(/AUTH_JWKS_URL/);
    expect(() => assertPortalOidcVerifiable(oidc, 'https://idp.example.com/jwks')).not.toThrow();
    expect(() => assertPortalOidcVerifiable(undefined, undefined)).not.toThrow();
  });
});
