/** The identity provider as /portal-config.json names it (PORTAL_OIDC_ISSUER, PORTAL_OIDC_CLIENT_ID, PORTAL_OIDC_SCOPES). */
export interface OidcConfig {
  readonly authority: string;
  readonly clientId: string;
  readonly scopes: string;
}

/** Where the identity provider sends the browser back with the code (a client route). */
export const CALLBACK_PATH = '/auth/callback';
const SIGN_IN_PATH = '/sign-in';
/** Renew this long before the access token expires. */
export const RENEW_BEFORE_EXPIRY_SECONDS = 60;

/**
 * oidc-client-ts's settings for the portal: authorization code flow with PKCE (a public client, no
 * secret), the user kept in session storage, renewed before expiry with the refresh token
 * (offline_access; the portal's CSP forbids framing it, so no iframe renewal), no session monitor.
 */
export function oidcSettingsOf(config: OidcConfig, origin: string) {
  return {
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/sign-in`,
    response_type: 'code',
    scope: config.scopes,
    automaticSilentRenew: true,
    accessTokenExpiringNotificationTimeInSeconds: RENEW_BEFORE_EXPIRY_SECONDS,
    loadUserInfo: false,
    monitorSession: false,
    // Sign-out revokes the refresh token at the provider (oidc-client-ts revokes only with revokeTokensOnSignout).
    revokeTokenTypes: ['refresh_token'] as ('access_token' | 'refresh_token')[],
    revokeTokensOnSignout: true,
  } as const;
}

/** Where to go after the callback: the path the sign-in started from (kept in the state), if it is one of ours. */
export function returnPathOf(state: unknown): string {
  return typeof state === 'string' && state.startsWith('/') && !state.startsWith('//') && !state.includes('\\') && !state.startsWith(CALLBACK_PATH) && !state.startsWith(SIGN_IN_PATH) ? state : '/';
}

/** The path to come back to after signing in from `pathname` + `search`: '/' (the person's start page) from the sign-in page. */
export function signInReturnPath(pathname: string, search: string): string {
  return returnPathOf(`${pathname}${search}`);
}
