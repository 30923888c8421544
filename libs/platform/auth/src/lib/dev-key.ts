import { randomUUID } from 'node:crypto';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { JWK, KeyLike } from 'jose';
import type { Role } from './roles';
import { isRole } from './roles';

export const DEV_KEY_ALGORITHM = 'ES256';

/** The dev key file's content: an ES256 key pair as JWKs. */
export interface DevKey {
  readonly alg: typeof DEV_KEY_ALGORITHM;
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

export interface DevTokenClaims {
  readonly sub: string;
  readonly name: string;
  readonly roles: Role[];
  readonly org?: string;
  /** Defaults to one hour. */
  readonly ttlSeconds?: number;
}

export interface TokenAudience {
  readonly issuer: string;
  readonly audience: string;
}

export const DEFAULT_DEV_TOKEN_TTL_SECONDS = 3_600;

export async function generateDevKey(): Promise<DevKey> {
  const { privateKey, publicKey } = await generateKeyPair(DEV_KEY_ALGORITHM, { extractable: true });
  const kid = randomUUID();
  const meta = { alg: DEV_KEY_ALGORITHM, kid, use: 'sig' };
  return { alg: DEV_KEY_ALGORITHM, kid, privateJwk: { ...(await exportJWK(privateKey)), ...meta }, publicJwk: { ...(await exportJWK(publicKey)), ...meta } };
}

function isDevKey(value: unknown): value is DevKey {
  if (typeof value !== 'object' || value === null) return false;
  const key = value as Partial<Record<keyof DevKey, unknown>>;
  return (
    key.alg === DEV_KEY_ALGORITHM &&
    typeof key.kid === 'string' &&
    typeof key.privateJwk === 'object' &&
    key.privateJwk !== null &&
    typeof key.publicJwk === 'object' &&
    key.publicJwk !== null
  );
}

export async function readDevKey(file: string): Promise<DevKey> {
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!isDevKey(parsed)) throw new Error(`${file} is not a dev JWT key file (delete it to have a new one created)`);
  return parsed;
}

/** Creates the dev key pair (file mode 0600, parent directory created) unless the file exists. */
export async function ensureDevKey(file: string): Promise<void> {
  if (await exists(file)) return;
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const key = await generateDevKey();
  try {
    // `wx`: two processes starting together must not overwrite each other's key.
    await writeFile(file, `${JSON.stringify(key, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

export async function devVerificationKey(key: DevKey): Promise<KeyLike | Uint8Array> {
  return importJWK(key.publicJwk, key.alg);
}

/** Signs a token with an in-memory dev key; `now` is injectable for tests of expiry. */
export async function signDevToken(key: DevKey, claims: DevTokenClaims, options: TokenAudience, now = new Date()): Promise<string> {
  const unknown = claims.roles.filter((role) => !isRole(role));
  if (claims.roles.length === 0 || unknown.length > 0) {
    throw new RangeError(`a dev token needs at least one known role (unknown: ${unknown.join(', ') || 'none'})`);
  }
  if (claims.roles.includes('supplier-agent') && !claims.org) throw new RangeError('a supplier-agent token needs an org');
  const ttl = claims.ttlSeconds ?? DEFAULT_DEV_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new RangeError(`ttlSeconds must be a positive integer, got ${ttl}`);
  const iat = Math.floor(now.getTime() / 1000);
  const privateKey = await importJWK(key.privateJwk, key.alg);
  return new SignJWT({ name: claims.name, roles: claims.roles, ...(claims.org ? { org: claims.org } : {}) })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .sign(privateKey);
}

/** Signs a token with the key in `file`, creating the key first if needed. */
export async function issueDevToken(file: string, claims: DevTokenClaims, options: TokenAudience): Promise<string> {
  await ensureDevKey(file);
  return signDevToken(await readDevKey(file), claims, options);
}
