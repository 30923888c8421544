import { Webhook } from 'standardwebhooks';
import { isWebhookSecret } from '../../domain/endpoints';
import { newWebhookSecret, signWebhook } from './webhook-signature';

const VECTOR = { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330, body: '{"test": 2432232314}' };

describe('Standard Webhooks signing', () => {
  it("matches the spec's test vector", () => {
    expect(signWebhook([VECTOR.secret], VECTOR.id, VECTOR.timestamp, VECTOR.body)).toEqual({
      'webhook-id': VECTOR.id,
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('signs with every active secret: receivers holding either verify with the reference library, another secret does not', () => {
    const [current, next, other] = [newWebhookSecret(), newWebhookSecret(), newWebhookSecret()];
    expect([current, next].every(isWebhookSecret)).toBe(true);
    const now = Math.floor(Date.now() / 1000);
    const headers = signWebhook([current, next], 'msg_abc', now, '{"a":1}');
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(current).verify('{"a":1}', { ...headers })).toEqual({ a: 1 });
    expect(new Webhook(next).verify('{"a":1}', { ...headers })).toEqual({ a: 1 });
    expect(() => new Webhook(other).verify('{"a":1}', { ...headers })).toThrow();
    expect(() => new Webhook(current).verify('{"a":2}', { ...headers })).toThrow();
  });

  it('refuses what cannot be signed', () => {
    expect(() => signWebhook([], 'msg_a', 1, '{}')).toThrow(RangeError);
    expect(() => signWebhook([VECTOR.secret], 'msg.a', 1, '{}')).toThrow(RangeError);
    expect(() => signWebhook([VECTOR.secret], 'msg_a', 1.5, '{}')).toThrow(RangeError);
  });
});
