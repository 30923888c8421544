import { createPublicKey, verify } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { DEFAULT_TOLERANCE_SECONDS, signWebhook, verifyWebhook } from './signing';
import type { WebhookHeaders } from './signing';
import { newEd25519KeyPair, newHmacSecret, parseEd25519PrivateKey, parseEd25519PublicKey, parseHmacSecret, parseSigningKey, parseVerifyingKey, verifyingKeyOf } from './webhook-keys';

/** The Standard Webhooks spec's own test vector. */
const VECTOR = { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330, body: '{"test": 2432232314}' };
const T = 1_900_000_000;
const BODY = '{"ticket":"INC1"}';

describe('Standard Webhooks signing', () => {
  const hmac = parseHmacSecret(VECTOR.secret);
  const pair = newEd25519KeyPair();
  const [edPrivate, edPublic] = [parseEd25519PrivateKey(pair.privateKey), parseEd25519PublicKey(pair.publicKey)];

  it("matches the spec's test vector", () => {
    expect(signWebhook([hmac], VECTOR.id, VECTOR.timestamp, VECTOR.body)).toEqual({
      'webhook-id': VECTOR.id,
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
    expect(verifyWebhook([hmac], { ...signWebhook([hmac], VECTOR.id, VECTOR.timestamp, VECTOR.body) }, VECTOR.body, VECTOR.timestamp)).toEqual({ ok: true, keyIndex: 0 });
  });

  it('round-trips HMAC (v1) and Ed25519 (v1a), string or byte bodies', () => {
    const headers = signWebhook([hmac, edPrivate], 'msg_1', T, BODY);
    expect(headers['webhook-signature']).toMatch(/^v1,\S+ v1a,\S+$/);
    expect(verifyWebhook([hmac], { ...headers }, BODY, T)).toEqual({ ok: true, keyIndex: 0 });
    expect(verifyWebhook([edPublic], { ...headers }, Buffer.from(BODY), T)).toEqual({ ok: true, keyIndex: 0 });
  });

  it('verifies with either key during a rotation and names which; a third key does not verify', () => {
    const [current, next] = [parseHmacSecret(newHmacSecret()), parseHmacSecret(newHmacSecret())];
    const byBoth = signWebhook([current, next], 'msg_1', T, BODY);
    const byNext = signWebhook([next], 'msg_1', T, BODY);
    expect(verifyWebhook([current, next], { ...byBoth }, BODY, T)).toEqual({ ok: true, keyIndex: 0 });
    expect(verifyWebhook([current, next], { ...byNext }, BODY, T)).toEqual({ ok: true, keyIndex: 1 });
    const edByNext = signWebhook([parseEd25519PrivateKey(newEd25519KeyPair().privateKey), edPrivate], 'msg_1', T, BODY);
    expect(verifyWebhook([hmac, edPublic], { ...edByNext }, BODY, T)).toEqual({ ok: true, keyIndex: 1 });
    expect(verifyWebhook([parseHmacSecret(newHmacSecret())], { ...byBoth }, BODY, T)).toEqual({ ok: false, reason: 'no_matching_signature' });
  });

  it('refuses a tampered body, id or timestamp, and a signature of one scheme checked with the other key', () => {
    const headers = signWebhook([hmac, edPrivate], 'msg_1', T, BODY);
    for (const keys of [[hmac], [edPublic]]) {
      expect(verifyWebhook(keys, { ...headers }, '{"ticket":"INC2"}', T)).toEqual({ ok: false, reason: 'no_matching_signature' });
      expect(verifyWebhook(keys, { ...headers, 'webhook-id': 'msg_2' }, BODY, T)).toEqual({ ok: false, reason: 'no_matching_signature' });
      expect(verifyWebhook(keys, { ...headers, 'webhook-timestamp': String(T + 1) }, BODY, T)).toEqual({ ok: false, reason: 'no_matching_signature' });
    }
    const hmacOnly = signWebhook([hmac], 'msg_1', T, BODY);
    expect(verifyWebhook([edPublic], { ...hmacOnly }, BODY, T)).toEqual({ ok: false, reason: 'no_matching_signature' });
    const relabelled = hmacOnly['webhook-signature'].replace('v1,', 'v1a,');
    expect(verifyWebhook([hmac, edPublic], { ...hmacOnly, 'webhook-signature': relabelled }, BODY, T)).toEqual({ ok: false, reason: 'no_matching_signature' });
  });

  it('accepts a timestamp exactly at the tolerance either way, refuses one second past', () => {
    const at = (offset: number) => ({ ...signWebhook([hmac], 'msg_1', T + offset, BODY) });
    expect(DEFAULT_TOLERANCE_SECONDS).toBe(300);
    expect(verifyWebhook([hmac], at(-300), BODY, T)).toEqual({ ok: true, keyIndex: 0 });
    expect(verifyWebhook([hmac], at(300), BODY, T)).toEqual({ ok: true, keyIndex: 0 });
    expect(verifyWebhook([hmac], at(-301), BODY, T)).toEqual({ ok: false, reason: 'timestamp_too_old' });
    expect(verifyWebhook([hmac], at(301), BODY, T)).toEqual({ ok: false, reason: 'timestamp_in_future' });
    expect(verifyWebhook([hmac], at(-60), BODY, T, 60)).toEqual({ ok: true, keyIndex: 0 });
    expect(verifyWebhook([hmac], at(-61), BODY, T, 60)).toEqual({ ok: false, reason: 'timestamp_too_old' });
  });

  it('names missing and malformed headers without throwing', () => {
    const good: WebhookHeaders = signWebhook([hmac], 'msg_1', T, BODY);
    const check = (headers: Record<string, string | string[] | undefined>) => verifyWebhook([hmac], headers, BODY, T);
    expect(check({})).toEqual({ ok: false, reason: 'missing_header' });
    expect(check({ ...good, 'webhook-signature': undefined })).toEqual({ ok: false, reason: 'missing_header' });
    expect(check({ 'webhook-id': good['webhook-id'], 'webhook-signature': good['webhook-signature'] })).toEqual({ ok: false, reason: 'missing_header' });
    expect(check({ ...good, 'webhook-timestamp': 'yesterday' })).toEqual({ ok: false, reason: 'malformed_header' });
    expect(check({ ...good, 'webhook-timestamp': `${T}.5` })).toEqual({ ok: false, reason: 'malformed_header' });
    expect(check({ ...good, 'webhook-id': '' })).toEqual({ ok: false, reason: 'malformed_header' });
    expect(check({ ...good, 'webhook-signature': 'garbage' })).toEqual({ ok: false, reason: 'malformed_header' });
    expect(check({ ...good, 'webhook-signature': 'v1,not base64!' })).toEqual({ ok: false, reason: 'malformed_header' });
    expect(check({ ...good, 'webhook-signature': ' ' })).toEqual({ ok: false, reason: 'malformed_header' });
    expect(check({ ...good, 'webhook-signature': Array(17).fill(good['webhook-signature']).join(' ') })).toEqual({ ok: false, reason: 'malformed_header' });
    expect(check({ ...good, 'webhook-signature': [good['webhook-signature'], good['webhook-signature']] })).toEqual({ ok: false, reason: 'malformed_header' });
    expect(check({ ...good, 'webhook-signature': 'v1,AAAA' })).toEqual({ ok: false, reason: 'no_matching_signature' });
  });

  it("takes node:http's headers, reads names case-insensitively and skips entries of versions it does not know", () => {
    const good = signWebhook([hmac], 'msg_1', T, BODY);
    const upper: IncomingHttpHeaders = { 'Webhook-Id': good['webhook-id'], 'Webhook-Timestamp': good['webhook-timestamp'], 'Webhook-Signature': `v9,AAAA ${good['webhook-signature']}` };
    expect(verifyWebhook([hmac], upper, BODY, T)).toEqual({ ok: true, keyIndex: 0 });
  });

  it("gives an Ed25519 signing key's public key as the key its signatures verify with, and nothing of an HMAC secret", () => {
    const issued = newEd25519KeyPair();
    expect(verifyingKeyOf(issued.privateKey)).toBe(issued.publicKey);
    const headers = signWebhook([parseSigningKey(issued.privateKey)], 'msg_pk', T, BODY);
    expect(verifyWebhook([parseVerifyingKey(verifyingKeyOf(issued.privateKey) ?? '')], { ...headers }, BODY, T)).toMatchObject({ ok: true });
    expect(verifyingKeyOf(newHmacSecret())).toBeNull();
    expect(() => verifyingKeyOf(issued.publicKey)).toThrow();
  });

  it('refuses what cannot be signed', () => {
    expect(() => signWebhook([], 'msg_a', T, '{}')).toThrow(RangeError);
    expect(() => signWebhook([hmac], 'msg.a', T, '{}')).toThrow(RangeError);
    expect(() => signWebhook([hmac], 'msg_a', 1.5, '{}')).toThrow(RangeError);
  });

  it('interoperates with the standardwebhooks package for v1, both ways', () => {
    const secret = newHmacSecret();
    const now = Math.floor(Date.now() / 1000);
    const ours = signWebhook([parseHmacSecret(newHmacSecret()), parseHmacSecret(secret)], 'msg_ours', now, BODY);
    expect(new Webhook(secret).verify(BODY, { ...ours })).toEqual({ ticket: 'INC1' });
    expect(() => new Webhook(secret).verify('{"ticket":"INC2"}', { ...ours })).toThrow();
    const theirs = new Webhook(secret).sign('msg_theirs', new Date(now * 1000), BODY);
    const headers = { 'webhook-id': 'msg_theirs', 'webhook-timestamp': String(now), 'webhook-signature': theirs };
    expect(verifyWebhook([parseHmacSecret(secret)], headers, BODY, now)).toEqual({ ok: true, keyIndex: 0 });
    expect(verifyWebhook([parseHmacSecret(newHmacSecret())], headers, BODY, now)).toEqual({ ok: false, reason: 'no_matching_signature' });
  });

  it('makes Ed25519 signatures plain node:crypto verifies with the raw public key', () => {
    const headers = signWebhook([edPrivate], 'msg_1', T, BODY);
    const signature = Buffer.from(headers['webhook-signature'].replace(/^v1a,/, ''), 'base64');
    const x = Buffer.from(pair.publicKey.slice('whpk_'.length), 'base64').toString('base64url');
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    expect(signature).toHaveLength(64);
    expect(verify(null, Buffer.from(`msg_1.${T}.${BODY}`), publicKey, signature)).toBe(true);
    expect(verify(null, Buffer.from(`msg_1.${T}.{}`), publicKey, signature)).toBe(false);
  });
});
