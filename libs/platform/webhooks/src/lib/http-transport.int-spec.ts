import { WebhookReceiver } from '@itsm/testing';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { HttpTargets } from './http-targets';
import { NodeHttpTransport, PrivateTargetError } from './http-transport';
import { signWebhook } from './signing';
import { newHmacSecret, parseHmacSecret } from './webhook-keys';

const POLICY = { timeoutMs: 5_000, breaker: { errorThresholdPercentage: 50, volumeThreshold: 5, rollingCountTimeoutMs: 60_000, rollingCountBuckets: 6, resetTimeoutMs: 30_000 } };
const loopback = new NodeHttpTransport({ allowPrivateTargets: true, userAgent: 'itsm-test', bodyLimitBytes: 16 });

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

describe('NodeHttpTransport and HttpTargets against a real receiver', () => {
  const secret = newHmacSecret();
  let hook: WebhookReceiver;
  beforeAll(async () => {
    hook = await WebhookReceiver.start(secret);
  });
  afterAll(() => hook.close());

  it('posts a signed webhook the reference library verifies; any status is an answer, a redirect is not followed', async () => {
    const targets = new HttpTargets(loopback, 'test', POLICY);
    const body = '{"ticket":"INC1"}';
    const headers = { ...signWebhook([parseHmacSecret(secret)], 'msg_1', Math.floor(Date.now() / 1000), body) };
    hook.answer(302);
    await expect(targets.post('hook', { url: hook.url(), headers, body })).resolves.toEqual({ kind: 'answer', answer: { status: 302, retryAfter: null, body: 'no' } });
    await expect(targets.post('hook', { url: hook.url(), headers, body })).resolves.toEqual({ kind: 'answer', answer: { status: 200, retryAfter: null, body: 'ok' } });
    expect(hook.received.map((r) => [r.verified, r.id, r.body])).toEqual([[true, 'msg_1', body], [true, 'msg_1', body]]);
    targets.shutdown();
  });

  it('is refused at connect time unless private targets are allowed (the address checked is the one connected to)', async () => {
    const before = hook.received.length;
    const request = { url: hook.url().replace('127.0.0.1', 'localhost'), headers: {}, body: '{}', timeoutMs: 5_000 };
    await expect(new NodeHttpTransport({ allowPrivateTargets: false, userAgent: 'itsm-test' }).post(request)).rejects.toBeInstanceOf(PrivateTargetError);
    expect(hook.received).toHaveLength(before);
    const targets = new HttpTargets(new NodeHttpTransport({ allowPrivateTargets: false, userAgent: 'itsm-test' }), 'test', POLICY);
    await expect(targets.post('inside', request)).resolves.toMatchObject({ kind: 'private_target' });
    targets.shutdown();
  });

  it("reads only the answer's first bytes and abandons a target that does not answer", async () => {
    const chatty = createServer((_request, response) => response.writeHead(429, { 'retry-after': '7' }).end('x'.repeat(100_000)));
    const silent = createServer(() => undefined);
    const [chattyUrl, silentUrl] = [await listen(chatty), await listen(silent)];
    try {
      await expect(loopback.post({ url: chattyUrl, headers: {}, body: '{}', timeoutMs: 5_000 })).resolves.toEqual({ status: 429, retryAfter: '7', body: 'x'.repeat(16) });
      const targets = new HttpTargets(loopback, 'test', { ...POLICY, timeoutMs: 100 });
      await expect(targets.post('silent', { url: silentUrl, headers: {}, body: '{}' })).resolves.toEqual({ kind: 'timeout', timeoutMs: 100 });
      targets.shutdown();
    } finally {
      silent.closeAllConnections();
      await Promise.all([chatty, silent].map((s) => new Promise((resolve) => s.close(resolve))));
    }
  });

  it('sends a request again at once, on a new connection, when the server closed the kept-alive one as it went out', async () => {
    let connections = 0;
    let requests = 0;
    const sockets: Socket[] = [];
    // A receiver that drops its first connection as the second request arrives on it (an idle-timeout race).
    const server = createNetServer((socket) => {
      sockets.push(socket);
      const connection = ++connections;
      let served = 0;
      socket.on('data', (chunk: Buffer) => {
        for (let i = chunk.toString('latin1').split('POST ').length - 1; i > 0; i -= 1) {
          requests += 1;
          served += 1;
          if (connection === 1 && served === 2) {
            socket.resetAndDestroy();
            return;
          }
          socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\nok');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      await expect(loopback.post({ url, headers: {}, body: '{}', timeoutMs: 5_000 })).resolves.toMatchObject({ status: 200 });
      await expect(loopback.post({ url, headers: {}, body: '{}', timeoutMs: 5_000 })).resolves.toMatchObject({ status: 200, body: 'ok' });
      expect([connections, requests]).toEqual([2, 3]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
