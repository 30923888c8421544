import { UserManager } from 'oidc-client-ts';
import type { User } from 'oidc-client-ts';
import type { OidcConfig } from './oidc-settings';
import { oidcSettingsOf, returnPathOf } from './oidc-settings';

// oidc-client-ts is only loaded by the pages that sign in with the identity provider (dynamic import()).

let manager: { key: string; value: UserManager } | undefined;

function managerOf(config: OidcConfig): UserManager {
  const key = JSON.stringify(config);
  if (manager?.key !== key) manager = { key, value: new UserManager(oidcSettingsOf(config, window.location.origin)) };
  return manager.value;
}

/**
 * Sends the browser to the identity provider (code flow, PKCE, and a nonce the ID token must carry
 * back: oidc-client-ts checks it); it comes back to the callback route.
 */
export async function startSignIn(config: OidcConfig, returnPath: string): Promise<void> {
  await managerOf(config).signinRedirect({ state: returnPath, nonce: crypto.randomUUID() });
}

/** On the callback route: exchanges the code (with the PKCE verifier) for the tokens; the access token and where to go. */
export async function completeSignIn(config: OidcConfig): Promise<{ token: string; returnPath: string }> {
  const user = await managerOf(config).signinRedirectCallback();
  return { token: user.access_token, returnPath: returnPathOf(user.state) };
}

/**
 * Follows the token's renewals (before expiry, with the refresh token): `onToken` with each new access
 * token, `onFailure` when a renewal failed. An expired token (a reload after a while, a sleeping
 * laptop) is renewed now; only if that fails too is it a failure. Returns the function that stops it.
 */
export function followRenewals(config: OidcConfig, onToken: (token: string) => void, onFailure: (message: string) => void): () => void {
  const users = managerOf(config);
  const events = users.events;
  const loaded = (user: User) => onToken(user.access_token);
  const failed = (error: Error) => onFailure(error.message);
  const expired = () => {
    users.signinSilent().catch((error: unknown) => onFailure(error instanceof Error ? error.message : String(error)));
  };
  events.addUserLoaded(loaded);
  events.addSilentRenewError(failed);
  events.addAccessTokenExpired(expired);
  // A reload: the stored user's timers start when the manager reads it (an expired token's at once).
  void users.getUser();
  return () => {
    events.removeUserLoaded(loaded);
    events.removeSilentRenewError(failed);
    events.removeAccessTokenExpired(expired);
  };
}

/**
 * Signs out: revokes the refresh token at the provider (when it has a revocation endpoint), then signs
 * out there when it has an end-session endpoint, else forgets the user here.
 */
export async function signOut(config: OidcConfig): Promise<void> {
  const users = managerOf(config);
  const metadata = await users.metadataService.getMetadata().catch(() => undefined);
  if (metadata?.end_session_endpoint === undefined) {
    await users.revokeTokens().catch(() => undefined);
    await users.removeUser();
  } else await users.signoutRedirect();
}
