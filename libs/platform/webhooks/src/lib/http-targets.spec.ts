import { ScriptedHttpTransport } from './scripted-http-transport';
import { HttpTargets } from './http-targets';
import type { HttpTargetPolicy } from './http-targets';
import { PrivateTargetError } from './http-transport';

const POLICY: HttpTargetPolicy = { timeoutMs: 1_000, breaker: { errorThresholdPercentage: 50, volumeThreshold: 3, rollingCountTimeoutMs: 60_000, rollingCountBuckets: 6, resetTimeoutMs: 30_000 } };
const request = { url: 'https://supplier.example.com/hook', headers: { 'webhook-id': 'msg_1' }, body: '{}' };

describe('HttpTargets', () => {
  let transport: ScriptedHttpTransport;
  let targets: HttpTargets;
  beforeEach(() => {
    transport = new ScriptedHttpTransport();
    targets = new HttpTargets(transport, 'test', POLICY);
  });
  afterEach(() => targets.shutdown());

  it("answers every status as an answer and passes the policy's timeout to the transport", async () => {
    transport.answer(204, 410, { status: 503, retryAfter: '5', body: 'busy' });
    await expect(targets.post('a', request)).resolves.toEqual({ kind: 'answer', answer: { status: 204, retryAfter: null, body: '' } });
    await expect(targets.post('a', request)).resolves.toEqual({ kind: 'answer', answer: { status: 410, retryAfter: null, body: '' } });
    await expect(targets.post('a', request)).resolves.toEqual({ kind: 'answer', answer: { status: 503, retryAfter: '5', body: 'busy' } });
    expect(transport.requests[0]).toEqual({ ...request, timeoutMs: 1_000 });
  });

  it("names why no answer came: unreachable, private target, timeout", async () => {
    transport.answer(new Error('ECONNREFUSED'), new PrivateTargetError('x.example.com resolves to 10.0.0.1, a private address'));
    await expect(targets.post('a', request)).resolves.toEqual({ kind: 'unreachable', detail: 'ECONNREFUSED' });
    await expect(targets.post('b', request)).resolves.toEqual({ kind: 'private_target', detail: 'x.example.com resolves to 10.0.0.1, a private address' });
    const impatient = new HttpTargets(transport, 'test', { ...POLICY, timeoutMs: 30 });
    transport.answer('hang');
    await expect(impatient.post('c', request)).resolves.toEqual({ kind: 'timeout', timeoutMs: 30 });
    impatient.shutdown();
  });

  it("opens a failing target's breaker (5xx counts as a failure, 4xx does not) and leaves other targets alone", async () => {
    transport.answer(400, 400, 400);
    for (let i = 0; i < 3; i++) await targets.post('a', request);
    transport.answer(500, 500, 502);
    for (let i = 0; i < 3; i++) await expect(targets.post('a', request)).resolves.toMatchObject({ kind: 'answer' });
    transport.answer(500, 503, new Error('ECONNRESET'));
    for (let i = 0; i < 3; i++) await targets.post('b', request);
    const calls = transport.requests.length;
    await expect(targets.post('b', request)).resolves.toEqual({ kind: 'breaker_open', retryAfterMs: 30_000 });
    expect(transport.requests).toHaveLength(calls);
    await expect(targets.post('c', request)).resolves.toMatchObject({ kind: 'answer', answer: { status: 200 } });
  });

  it('answers breaker_open once shut down', async () => {
    await targets.post('a', request);
    targets.shutdown();
    await expect(targets.post('a', request)).resolves.toMatchObject({ kind: 'breaker_open' });
  });
});
