import { HashedApiTokens } from './hashed-api-tokens';

describe('HashedApiTokens', () => {
  const tokens = new HashedApiTokens('itsm_test_');
  const live = { id: 'h1', revokedAt: null };

  it('issues prefixed 256-bit tokens, different each time, kept as their SHA-256', () => {
    const first = tokens.issue();
    const second = tokens.issue();
    expect(first.token).toMatch(/^itsm_test_[A-Za-z0-9_-]{43}$/);
    expect(first.token).not.toBe(second.token);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.hash).toBe(tokens.hash(first.token));
    expect(first.hash).not.toContain(first.token.slice(10));
  });

  it('authenticates a live holder by the hash of the presented token', async () => {
    const { token, hash } = tokens.issue();
    const byHash = jest.fn((wanted: string) => Promise.resolve(wanted === hash ? live : undefined));
    await expect(tokens.authenticate(token, byHash)).resolves.toBe(live);
    expect(byHash).toHaveBeenCalledWith(hash);
  });

  it('refuses a revoked holder and an unknown token', async () => {
    const { token } = tokens.issue();
    await expect(tokens.authenticate(token, () => Promise.resolve({ revokedAt: new Date(0) }))).resolves.toBeUndefined();
    await expect(tokens.authenticate(token, () => Promise.resolve(undefined))).resolves.toBeUndefined();
  });

  it('looks nothing up for no token, another kind, a wrong length or foreign characters', async () => {
    const byHash = jest.fn(() => Promise.resolve(live));
    const other = new HashedApiTokens('itsm_other_').issue().token;
    for (const presented of [undefined, '', other, 'itsm_test_short', `itsm_test_${'A'.repeat(44)}`, `itsm_test_${'A'.repeat(42)}=`]) {
      await expect(tokens.authenticate(presented, byHash)).resolves.toBeUndefined();
    }
    expect(byHash).not.toHaveBeenCalled();
  });

  it('refuses a prefix that is not lower-case words ended by "_"', () => {
    for (const prefix of ['', 'itsm', 'Itsm_', 'itsm__', 'itsm-x_']) expect(() => new HashedApiTokens(prefix)).toThrow(/prefix/);
  });
});
