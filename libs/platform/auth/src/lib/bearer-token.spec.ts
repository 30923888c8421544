import { bearerToken } from './bearer-token';

describe('bearerToken', () => {
  it('extracts the token of a bearer header, whatever the scheme case', () => {
    expect(bearerToken('Bearer abc.def-ghi_jkl')).toBe('abc.def-ghi_jkl');
    expect(bearerToken('bearer   abc.def ')).toBe('abc.def');
  });

  it('ignores missing, repeated and non-bearer headers', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('')).toBeUndefined();
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken(['Bearer a', 'Bearer b'])).toBeUndefined();
    expect(bearerToken(['Bearer a'])).toBe('a');
  });
});
