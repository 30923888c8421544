/**
 * The webhook suppliers' receiver: one loopback HTTP server, `POST /<supplierId>`, each request's
 * Standard Webhooks signature checked with that supplier's secret over the raw body (a refusal is
 * answered 401 and counted), then the CloudEvent's id and sequence handed to the ledger, 204.
 */
import { parseVerifyingKey, verifyWebhook } from '@itsm/platform/webhooks';
import type { WebhookVerifyingKey } from '@itsm/platform/webhooks';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BenchSupplier } from './bench-world';
import type { OutboundLedger } from './outbound-ledger';

export interface WebhookSink {
  readonly base: string;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function eventOf(body: Buffer): { id: string; sequence: number } | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { id?: unknown; sequence?: unknown };
    return typeof parsed.id === 'string' && typeof parsed.sequence === 'number' ? { id: parsed.id, sequence: parsed.sequence } : undefined;
  } catch {
    return undefined;
  }
}

export async function startWebhookSink(suppliers: readonly BenchSupplier[], ledger: () => OutboundLedger): Promise<WebhookSink> {
  const keys = new Map<string, WebhookVerifyingKey>();
  for (const s of suppliers) if (s.channel.kind === 'webhook') keys.set(s.id, parseVerifyingKey(s.channel.secret));
  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const key = keys.get((request.url ?? '').replace(/^\//, ''));
      const verdict = key === undefined || request.method !== 'POST' ? undefined : verifyWebhook([key], request.headers, body, Math.floor(Date.now() / 1000));
      const event = eventOf(body);
      if (verdict?.ok !== true || event === undefined) {
        ledger().refuseSignature();
        response.writeHead(verdict?.ok === true ? 400 : 401).end();
        return;
      }
      ledger().arrive(event.id, event.sequence, 'webhook');
      response.writeHead(204).end();
    })().catch(() => response.writeHead(500).end());
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
