import { oidcSettingsOf, returnPathOf, signInReturnPath } from './oidc-settings';

describe("the portal's OpenID Connect client settings", () => {
  it('runs the code flow back to the callback route, renewing a minute before expiry without an iframe session monitor', () => {
    const settings = oidcSettingsOf({ authority: 'https://idp.example.com/realms/itsm', clientId: 'itsm-portal', scopes: 'openid offline_access' }, 'https://portal.example.com');
    expect(settings).toMatchObject({
      authority: 'https://idp.example.com/realms/itsm',
      client_id: 'itsm-portal',
      redirect_uri: 'https://portal.example.com/auth/callback',
      post_logout_redirect_uri: 'https://portal.example.com/sign-in',
      response_type: 'code',
      scope: 'openid offline_access',
      automaticSilentRenew: true,
      accessTokenExpiringNotificationTimeInSeconds: 60,
      monitorSession: false,
      revokeTokenTypes: ['refresh_token'],
      revokeTokensOnSignout: true,
    });
  });

  it('returns only to a path of this origin', () => {
    expect(returnPathOf('/dashboards')).toBe('/dashboards');
    expect(returnPathOf('//evil.example.com/x')).toBe('/');
    expect(returnPathOf('https://evil.example.com')).toBe('/');
    expect(returnPathOf('/auth/callback?code=1')).toBe('/');
    expect(returnPathOf(undefined)).toBe('/');
    expect(returnPathOf('/\\evil.example.com')).toBe('/');
    expect(returnPathOf('/sign-in')).toBe('/');
  });

  it('comes back to the page the sign-in started from, with its query, never to the sign-in page', () => {
    expect(signInReturnPath('/agent/incidents/INC-1', '?tab=notes')).toBe('/agent/incidents/INC-1?tab=notes');
    expect(signInReturnPath('/sign-in', '')).toBe('/');
    expect(signInReturnPath('/', '')).toBe('/');
  });
});
