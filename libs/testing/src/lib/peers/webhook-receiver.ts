import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver got, with whether its Standard Webhooks signature verified against the secret. */
export interface ReceivedWebhook {
  readonly path: string;
  readonly id: string | null;
  readonly timestamp: string | null;
  readonly signature: string | null;
  readonly body: string;
  readonly verified: boolean;
  /** The status it was answered with. */
  readonly status: number;
  /** `performance.now()` when the body had arrived. */
  readonly arrivedAt: number;
}

/**
 * A real HTTP receiver for integration specs that verifies Standard Webhooks signatures with the
 * reference library (`standardwebhooks`) and answers with queued statuses (500s for a failing
 * endpoint, 410 for a gone one; 200 once the queue is empty). A request that does not verify is
 * answered 401. Also serves as a Slack or Teams incoming webhook (signatures then absent).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly statuses: number[] = [];
  private readonly server: Server;

  private constructor(
    private readonly secret: string | null,
    private readonly onReceive: ((request: ReceivedWebhook) => void) | undefined,
  ) {
    this.server = createServer((request, response) => this.receive(request, response));
  }

  /** `secret`: the `whsec_...` secret requests must be signed with; null accepts unsigned ones (chat). `onReceive` sees each request as it is answered. */
  static async start(secret: string | null, onReceive?: (request: ReceivedWebhook) => void): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(secret, onReceive);
    await new Promise<void>((resolve, reject) => {
      receiver.server.once('error', reject);
      receiver.server.listen(0, '127.0.0.1', () => resolve());
    });
    return receiver;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  /** Queues the statuses the next requests get, one each; afterwards 200. */
  answer(...statuses: number[]): void {
    this.statuses.push(...statuses);
  }

  /** The verified requests, in arrival order. */
  get verified(): ReceivedWebhook[] {
    return this.received.filter((r) => r.verified);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private receive(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string): string | null => {
        const value = request.headers[name];
        return typeof value === 'string' ? value : null;
      };
      const [id, timestamp, signature] = [header('webhook-id'), header('webhook-timestamp'), header('webhook-signature')];
      let verified = this.secret === null;
      if (this.secret !== null && id !== null && timestamp !== null && signature !== null) {
        try {
          new Webhook(this.secret).verify(body, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature });
          verified = true;
        } catch {
          verified = false;
        }
      }
      const status = verified ? (this.statuses.shift() ?? 200) : 401;
      const received: ReceivedWebhook = { path: request.url ?? '/', id, timestamp, signature, body, verified, status, arrivedAt: performance.now() };
      this.received.push(received);
      this.onReceive?.(received);
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
    });
  }
}
