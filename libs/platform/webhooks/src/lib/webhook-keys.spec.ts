import { createPublicKey } from 'node:crypto';
import { WebhookKeyError, WebhookKeyErrorCode } from './webhook.errors';
import { newEd25519KeyPair, newHmacSecret, parseEd25519PrivateKey, parseEd25519PublicKey, parseHmacSecret, parseSigningKey, parseVerifyingKey } from './webhook-keys';

const b64 = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64');
const codeOf = (parse: () => unknown): unknown => {
  try {
    parse();
  } catch (error) {
    return error instanceof WebhookKeyError ? error.code : error;
  }
  return 'accepted';
};

describe('webhook keys', () => {
  it('generates HMAC secrets of 32 random bytes and Ed25519 pairs of 32-byte keys that belong together', () => {
    const [a, b] = [newHmacSecret(), newHmacSecret()];
    expect(a).not.toBe(b);
    expect(parseHmacSecret(a).secret).toHaveLength(32);
    const pair = newEd25519KeyPair();
    expect(pair.privateKey).toMatch(/^whsk_/);
    expect(pair.publicKey).toMatch(/^whpk_/);
    const derived = createPublicKey(parseEd25519PrivateKey(pair.privateKey).privateKey).export({ format: 'der', type: 'spki' });
    expect(parseEd25519PublicKey(pair.publicKey).publicKey.export({ format: 'der', type: 'spki' })).toEqual(derived);
  });

  it("reads a raw 32-byte Ed25519 seed as the private key whose JWK `d` it is", () => {
    const jwk = parseEd25519PrivateKey(`whsk_${b64(32)}`).privateKey.export({ format: 'jwk' });
    expect(Buffer.from(jwk.d ?? '', 'base64url')).toEqual(Buffer.alloc(32, 7));
  });

  it('accepts HMAC secrets of 24 to 64 bytes', () => {
    expect(codeOf(() => parseHmacSecret(`whsec_${b64(24)}`))).toBe('accepted');
    expect(codeOf(() => parseHmacSecret(`whsec_${b64(64)}`))).toBe('accepted');
  });

  it.each([
    ['an HMAC secret without its prefix', () => parseHmacSecret(b64(32)), WebhookKeyErrorCode.WrongPrefix],
    ['an Ed25519 public key given as a secret', () => parseHmacSecret(`whpk_${b64(32)}`), WebhookKeyErrorCode.WrongPrefix],
    ['a signing key of an unknown kind', () => parseSigningKey(`whpk_${b64(32)}`), WebhookKeyErrorCode.WrongPrefix],
    ['a verifying key of an unknown kind', () => parseVerifyingKey(`whsk_${b64(32)}`), WebhookKeyErrorCode.WrongPrefix],
    ['bad base64', () => parseHmacSecret('whsec_not*base64*at*all*but*long*enough'), WebhookKeyErrorCode.BadEncoding],
    ['base64 with missing padding', () => parseHmacSecret(`whsec_${b64(32).replace('=', '')}`), WebhookKeyErrorCode.BadEncoding],
    ['an empty key', () => parseEd25519PublicKey('whpk_'), WebhookKeyErrorCode.BadEncoding],
    ['an HMAC secret of 23 bytes', () => parseHmacSecret(`whsec_${b64(23)}`), WebhookKeyErrorCode.BadLength],
    ['an HMAC secret of 65 bytes', () => parseHmacSecret(`whsec_${b64(65)}`), WebhookKeyErrorCode.BadLength],
    ['an Ed25519 private key of 64 bytes', () => parseEd25519PrivateKey(`whsk_${b64(64)}`), WebhookKeyErrorCode.BadLength],
    ['an Ed25519 public key of 31 bytes', () => parseEd25519PublicKey(`whpk_${b64(31)}`), WebhookKeyErrorCode.BadLength],
  ])('refuses %s with its code', (_what, parse, code) => {
    expect(codeOf(parse)).toBe(code);
  });

  it('picks the kind by prefix', () => {
    const pair = newEd25519KeyPair();
    expect(parseSigningKey(newHmacSecret()).kind).toBe('hmac');
    expect(parseSigningKey(pair.privateKey).kind).toBe('ed25519');
    expect(parseVerifyingKey(pair.publicKey).kind).toBe('ed25519');
  });
});
