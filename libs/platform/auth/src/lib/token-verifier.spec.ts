import { SignJWT, importJWK } from 'jose';
import { AuthError, AuthErrorCode } from './auth.errors';
import { generateDevKey, signDevToken } from './dev-key';
import type { DevKey, DevTokenClaims } from './dev-key';
import { TokenVerifier } from './token-verifier';

const audience = { issuer: 'itsm', audience: 'itsm-api' };
const agent: DevTokenClaims = { sub: 'u-alice', name: 'Alice', roles: ['agent'] };

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

async function expectUnauthenticated(verifying: Promise<unknown>): Promise<AuthError> {
  const error: unknown = await verifying.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  expect((error as AuthError).code).toBe(AuthErrorCode.Unauthenticated);
  return error as AuthError;
}

describe('TokenVerifier', () => {
  let key: DevKey;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    key = await generateDevKey();
    verifier = TokenVerifier.fromDevKey(key, audience);
  });

  it('maps a valid dev token to its principal', async () => {
    const token = await signDevToken(key, { ...agent, roles: ['agent', 'incident-manager'] }, audience);
    await expect(verifier.verify(token)).resolves.toEqual({
      userId: 'u-alice',
      name: 'Alice',
      roles: ['agent', 'incident-manager'],
      orgId: undefined,
    });
  });

  it('keeps the organisation of a supplier agent', async () => {
    const token = await signDevToken(key, { sub: 'u-sam', name: 'Sam', roles: ['supplier-agent'], org: 'acme' }, audience);
    await expect(verifier.verify(token)).resolves.toMatchObject({ roles: ['supplier-agent'], orgId: 'acme' });
  });

  it('refuses an expired token (beyond the 30 s clock tolerance)', async () => {
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    const token = await signDevToken(key, { ...agent, ttlSeconds: 3_600 }, audience, twoHoursAgo);
    const error = await expectUnauthenticated(verifier.verify(token));
    expect(error.message).toMatch(/expired/);
  });

  it('accepts a token that expired within the clock tolerance', async () => {
    const token = await signDevToken(key, { ...agent, ttlSeconds: 60 }, audience, new Date(Date.now() - 70_000));
    await expect(verifier.verify(token)).resolves.toMatchObject({ userId: 'u-alice' });
  });

  it('refuses a token for another audience', async () => {
    const token = await signDevToken(key, agent, { ...audience, audience: 'other-api' }, new Date());
    await expectUnauthenticated(verifier.verify(token));
  });

  it('refuses a token from another issuer', async () => {
    const token = await signDevToken(key, agent, { ...audience, issuer: 'evil' });
    await expectUnauthenticated(verifier.verify(token));
  });

  it('refuses a token signed by another key, even with the same kid', async () => {
    const other = await generateDevKey();
    const token = await signDevToken({ ...other, kid: key.kid }, agent, audience);
    await expectUnauthenticated(verifier.verify(token));
  });

  it('refuses an unsigned token (alg none)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: 'u-mallory', name: 'Mallory', roles: ['admin'], iss: 'itsm', aud: 'itsm-api', iat: now, exp: now + 600 };
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
    await expectUnauthenticated(verifier.verify(token));
  });

  it('refuses garbage', async () => {
    await expectUnauthenticated(verifier.verify('not-a-jwt'));
  });

  /** Signs arbitrary claims with the dev key, for shapes signDevToken itself refuses to produce. */
  async function signRaw(claims: Record<string, unknown>, expires: string | null = '10m'): Promise<string> {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: key.alg })
      .setSubject('u-sam')
      .setIssuer(audience.issuer)
      .setAudience(audience.audience)
      .setIssuedAt();
    if (expires) jwt.setExpirationTime(expires);
    return jwt.sign(await importJWK(key.privateJwk, key.alg));
  }

  it('refuses a supplier agent without an organisation', async () => {
    const error = await expectUnauthenticated(verifier.verify(await signRaw({ name: 'Sam', roles: ['supplier-agent'] })));
    expect(error.message).toMatch(/organisation/);
  });

  it('drops unknown roles, and refuses a token left with none', async () => {
    await expect(verifier.verify(await signRaw({ roles: ['agent', 'superuser', 42] }))).resolves.toMatchObject({
      roles: ['agent'],
      name: 'u-sam',
    });
    await expectUnauthenticated(verifier.verify(await signRaw({ roles: ['superuser'] })));
    await expectUnauthenticated(verifier.verify(await signRaw({ roles: 'agent' })));
  });

  it('refuses a token without an expiry', async () => {
    await expectUnauthenticated(verifier.verify(await signRaw({ roles: ['agent'] }, null)));
  });
});
