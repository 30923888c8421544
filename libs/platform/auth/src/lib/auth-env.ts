import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { ConfigError } from '@itsm/platform/config';
import type { NodeEnv } from '@itsm/platform/config';

/** Where `npm run token` and a development server keep the dev signing key, relative to the cwd. */
export const DEFAULT_DEV_KEY_FILE = '.itsm/dev-jwt-key.json';

export const AuthEnv = Type.Object({
  /** The identity provider's JWKS endpoint (production). */
  AUTH_JWKS_URL: Type.Optional(Type.String({ pattern: '^https?://.+', expected: 'an http:// or https:// URL' })),
  /** A local key pair written by `npm run token` (development and tests only). */
  AUTH_DEV_KEY_FILE: Type.Optional(Type.String({ minLength: 1 })),
  AUTH_ISSUER: Type.String({ default: 'itsm', minLength: 1 }),
  AUTH_AUDIENCE: Type.String({ default: 'itsm-api', minLength: 1 }),
});
export type AuthEnv = Static<typeof AuthEnv>;

export type AuthKeySource = { readonly kind: 'jwks'; readonly url: string } | { readonly kind: 'dev-key'; readonly file: string };

export interface AuthSettings {
  readonly source: AuthKeySource;
  readonly issuer: string;
  readonly audience: string;
}

/** Exactly one key source; production refuses the dev key (anyone with the repo could mint tokens). */
export function toAuthSettings(env: AuthEnv, nodeEnv: NodeEnv): AuthSettings {
  const { AUTH_JWKS_URL: url, AUTH_DEV_KEY_FILE: file } = env;
  const base = { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE };
  if (file !== undefined && nodeEnv === 'production') {
    throw new ConfigError([
      { variable: 'AUTH_DEV_KEY_FILE', message: 'AUTH_DEV_KEY_FILE is refused when NODE_ENV is production: set AUTH_JWKS_URL instead' },
    ]);
  }
  if (url !== undefined && file !== undefined) {
    throw new ConfigError([
      { variable: 'AUTH_JWKS_URL', message: 'set only one of AUTH_JWKS_URL and AUTH_DEV_KEY_FILE, not both' },
    ]);
  }
  if (url !== undefined) return { ...base, source: { kind: 'jwks', url } };
  if (file !== undefined) return { ...base, source: { kind: 'dev-key', file } };
  throw new ConfigError([
    {
      variable: 'AUTH_JWKS_URL',
      message: `AUTH_JWKS_URL (identity provider) or AUTH_DEV_KEY_FILE (development, e.g. ${DEFAULT_DEV_KEY_FILE}) is required`,
    },
  ]);
}
