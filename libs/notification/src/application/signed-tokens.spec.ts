import { SignedTokens } from './signed-tokens';

describe('SignedTokens (reply addresses, acknowledgement links)', () => {
  const tokens = new SignedTokens('spec-secret-0123456789abcdef0123456789');
  const id = '65f0c0ffee0123456789abcd';

  it('verifies its own token, also upper-cased by a mail system, and fits a mail local part', () => {
    const token = tokens.sign('reply', id);
    expect(tokens.verify('reply', token)).toBe(id);
    expect(tokens.verify('reply', token.toUpperCase())).toBe(id);
    expect(`reply+${token}`.length).toBeLessThanOrEqual(64);
  });

  it('refuses a token of another purpose, another secret, a changed id or a cut MAC', () => {
    const token = tokens.sign('reply', id);
    expect(tokens.verify('acknowledge', token)).toBeNull();
    expect(new SignedTokens('another-secret-0123456789abcdef012345').verify('reply', token)).toBeNull();
    expect(tokens.verify('reply', token.replace(/^6/, '7'))).toBeNull();
    expect(tokens.verify('reply', token.slice(0, -1))).toBeNull();
    expect(tokens.verify('reply', 'garbage')).toBeNull();
  });

  it('refuses to sign an id a mail system could change', () => {
    expect(() => tokens.sign('reply', 'Has-Upper')).toThrow(/lower-case/);
  });
});
