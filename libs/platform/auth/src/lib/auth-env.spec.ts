import { ConfigError, loadConfig } from '@itsm/platform/config';
import { AuthEnv, toAuthSettings } from './auth-env';

const load = (env: Record<string, string>) => loadConfig(AuthEnv, env);

describe('toAuthSettings', () => {
  it('uses the JWKS endpoint, with the default issuer and audience', () => {
    expect(toAuthSettings(load({ AUTH_JWKS_URL: 'https://idp.example/jwks' }), 'production')).toEqual({
      source: { kind: 'jwks', url: 'https://idp.example/jwks' },
      issuer: 'itsm',
      audience: 'itsm-api',
    });
  });

  it('uses the dev key file outside production', () => {
    const env = load({ AUTH_DEV_KEY_FILE: '.itsm/key.json', AUTH_ISSUER: 'me', AUTH_AUDIENCE: 'you' });
    expect(toAuthSettings(env, 'development')).toEqual({ source: { kind: 'dev-key', file: '.itsm/key.json' }, issuer: 'me', audience: 'you' });
    expect(toAuthSettings(env, 'test').source.kind).toBe('dev-key');
  });

  it('refuses the dev key file in production', () => {
    const env = load({ AUTH_DEV_KEY_FILE: '.itsm/key.json' });
    expect(() => toAuthSettings(env, 'production')).toThrow(ConfigError);
    expect(() => toAuthSettings(env, 'production')).toThrow(/AUTH_DEV_KEY_FILE is refused when NODE_ENV is production/);
  });

  it('requires exactly one key source', () => {
    expect(() => toAuthSettings(load({}), 'development')).toThrow(/AUTH_JWKS_URL .* or AUTH_DEV_KEY_FILE .* is required/);
    const both = load({ AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_DEV_KEY_FILE: 'k.json' });
    expect(() => toAuthSettings(both, 'development')).toThrow(/only one of AUTH_JWKS_URL and AUTH_DEV_KEY_FILE/);
  });

  it('validates the JWKS URL when loading', () => {
    expect(() => load({ AUTH_JWKS_URL: 'ftp://idp.example/jwks' })).toThrow(/AUTH_JWKS_URL must be an http:\/\/ or https:\/\/ URL/);
  });
});
