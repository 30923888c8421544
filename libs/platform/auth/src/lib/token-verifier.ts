import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWTHeaderParameters, KeyLike } from 'jose';
import { AuthError, AuthErrorCode } from './auth.errors';
import type { AuthSettings } from './auth-env';
import { principalFromClaims } from './claims';
import { DEV_KEY_ALGORITHM, devVerificationKey, ensureDevKey, readDevKey } from './dev-key';
import type { DevKey, TokenAudience } from './dev-key';
import type { Principal } from './principal';

type VerificationKey = KeyLike | Uint8Array;
type GetKey = (header: JWTHeaderParameters) => Promise<VerificationKey>;

/** Asymmetric algorithms an identity provider may sign with; `none` and HMAC never pass. */
export const JWKS_ALGORITHMS: readonly string[] = ['RS256', 'PS256', 'ES256', 'EdDSA'];
export const CLOCK_TOLERANCE_SECONDS = 30;
/** JWKS fetches: give up after 5 s; refetch on an unknown `kid` at most every 30 s; keep keys 10 min. */
export const JWKS_TIMEOUT_MS = 5_000;
export const JWKS_COOLDOWN_MS = 30_000;
export const JWKS_CACHE_MAX_AGE_MS = 600_000;

/** jose failures that say nothing about the token: the key source itself is broken or unreachable. */
const KEY_SOURCE_FAILURES = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID']);

interface VerifierOptions extends TokenAudience {
  readonly algorithms: readonly string[];
}

/** Verifies bearer JWTs and maps their claims to a Principal. */
export class TokenVerifier {
  private constructor(
    private readonly getKey: GetKey,
    private readonly options: VerifierOptions,
  ) {}

  static fromSettings(settings: AuthSettings): TokenVerifier {
    const { issuer, audience, source } = settings;
    switch (source.kind) {
      case 'jwks': {
        const jwks = createRemoteJWKSet(new URL(source.url), {
          timeoutDuration: JWKS_TIMEOUT_MS,
          cooldownDuration: JWKS_COOLDOWN_MS,
          cacheMaxAge: JWKS_CACHE_MAX_AGE_MS,
        });
        return new TokenVerifier((header) => jwks(header), { issuer, audience, algorithms: JWKS_ALGORITHMS });
      }
      case 'dev-key':
        return new TokenVerifier(lazyDevKey(source.file), { issuer, audience, algorithms: [DEV_KEY_ALGORITHM] });
    }
  }

  /** A verifier over an in-memory dev key (tests). */
  static fromDevKey(key: DevKey, audience: TokenAudience): TokenVerifier {
    const imported = devVerificationKey(key);
    return new TokenVerifier(() => imported, { ...audience, algorithms: [key.alg] });
  }

  /** Resolves the token's Principal; rejects with AuthError(Unauthenticated) for any bad token. */
  async verify(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.getKey, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: [...this.options.algorithms],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'sub'],
      });
      return principalFromClaims(payload);
    } catch (error: unknown) {
      if (error instanceof AuthError) throw error;
      if (error instanceof errors.JOSEError && !KEY_SOURCE_FAILURES.has(error.code)) {
        throw new AuthError(AuthErrorCode.Unauthenticated, describe(error), { cause: error });
      }
      throw error;
    }
  }
}

function describe(error: InstanceType<typeof errors.JOSEError>): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted`;
  return 'the token is invalid';
}

/** Reads (creating if needed) the dev key on first use; a failed read is retried on the next call. */
function lazyDevKey(file: string): GetKey {
  let key: Promise<VerificationKey> | undefined;
  return () => {
    key ??= ensureDevKey(file)
      .then(() => readDevKey(file))
      .then(devVerificationKey)
      .catch((error: unknown) => {
        key = undefined;
        throw error;
      });
    return key;
  };
}
