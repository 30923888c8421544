import { ContractError, createEnvelope, decodeStructuredEnvelope, supplierOutboundFamily, topicOfFamily, TopicRegistry } from '@itsm/contracts';
import type { EventEnvelope, SupplierInboundEventType, SupplierInboundPayload, TroubleTicket } from '@itsm/contracts';
import { readLimitedBytes } from '@itsm/platform/service';
import { parseEd25519PrivateKey, parseHmacSecret, signWebhook, verifyWebhook } from '@itsm/platform/webhooks';
import { DEMO_WEBHOOK_SECRET, SUPPLIER_INBOUND_ROUTE_PREFIX } from '@itsm/supplier-exchange';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

/** The demo supplier the all-in-one plays: its connection id (the demo data's) and its own ticket id prefix. */
export const DEMO_SUPPLIER_ID = 'tailspin';
const TICKET_PREFIX = 'TSP';
const SOURCE = 'https://tailspin-hosting.example/ticketing';
/**
 * Tailspin Hosting's Ed25519 private key: the demo supplier's, so it lives with the code that plays
 * the supplier (here, and the specs' fixtures), never in the supplier exchange. Its public key is the
 * demo data's published `inboundKeys` entry for Tailspin. A demo key: never used for anything real.
 */
const TAILSPIN_PRIVATE_KEY = 'whsk_FTRI/2/Cifkwu5P7QI56wBhk0HaiYuOIkmNrvTK+OXQ=';
/** The webhook path the exchange posts to. */
export const DEMO_SUPPLIER_WEBHOOK_PATH = '/tailspin/webhook';
/** The largest webhook read (a TroubleTicket with its last 200 notes fits). */
const MAX_BODY_BYTES = 1024 * 1024;
const POST_TIMEOUT_MS = 10_000;

export interface DemoSupplierOptions {
  /** Loopback port to listen on (0: any free one). */
  readonly port: number;
  /** How long after its acknowledgement the supplier resolves a ticket. */
  readonly resolveAfterMs: number;
  readonly log: Logger;
  /** Milliseconds since the epoch (the signatures' timestamps); Date.now by default. */
  readonly now?: () => number;
}

/** What the demo supplier did with a ticket, for anyone watching (logs, specs). */
export interface DemoSupplierStep {
  readonly step: 'received' | 'acknowledged' | 'resolved' | 'refused' | 'failed';
  readonly ticketId: string;
  readonly detail: string;
}

type Verdict = { readonly status: number; readonly message: string; readonly event?: EventEnvelope };

/**
 * A small local supplier (Tailspin Hosting) for the all-in-one, so a person can watch a round trip:
 * an HTTP listener on 127.0.0.1 taking the supplier exchange's Standard Webhooks (HMAC with the demo's
 * published secret; unsigned or forged: 401), each body a CloudEvent of the outbound family checked
 * against its schema (400 otherwise). On a TroubleTicketCreateEvent it acknowledges with its own
 * ticket id (`TSP-<n>`) and, `resolveAfterMs` later, resolves; each reply a CloudEvent signed with
 * Tailspin's Ed25519 key and POSTed to the exchange's inbound REST endpoint (the supplier context's
 * own loopback origin, known once the contexts run: `connect`). One log line per step.
 */
export class DemoSupplier {
  private readonly registry = new TopicRegistry([], [supplierOutboundFamily]);
  private readonly outboundTopic = topicOfFamily(supplierOutboundFamily, DEMO_SUPPLIER_ID).name;
  private readonly verifyingKey = parseHmacSecret(DEMO_WEBHOOK_SECRET);
  private readonly signingKey = parseEd25519PrivateKey(TAILSPIN_PRIVATE_KEY);
  /** Our ticket id -> Tailspin's ticket id and our number: a create delivered again (a retried webhook) opens nothing new. */
  private readonly tickets = new Map<string, { readonly own: string; readonly number: string }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly listeners: ((step: DemoSupplierStep) => void)[] = [];
  private readonly now: () => number;
  private inbound: ((url: string) => void) | null = null;
  private readonly inboundUrl: Promise<string>;
  private counter = 0;
  /** The CloudEvent sequence of Tailspin's own messages. */
  private sent = 0;
  private closed = false;

  private constructor(
    private readonly server: Server,
    private readonly options: DemoSupplierOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.inboundUrl = new Promise((resolve) => (this.inbound = resolve));
  }

  static async start(options: DemoSupplierOptions): Promise<DemoSupplier> {
    const server = createServer();
    const supplier = new DemoSupplier(server, options);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void supplier.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, '127.0.0.1', () => resolve());
    });
    return supplier;
  }

  /**
   * Starts the receiver, or, when its port is taken (another program, a second all-in-one), says so and
   * answers undefined: the platform starts without it (Tailspin then reads its Kafka topic like Northwind).
   */
  static async startUnlessBusy(options: DemoSupplierOptions): Promise<DemoSupplier | undefined> {
    try {
      return await DemoSupplier.start(options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      options.log.warn({ port: options.port }, `demo supplier receiver not started: port ${options.port} is in use (set PLATFORM_DEMO_SUPPLIER_PORT, or PLATFORM_DEMO_SUPPLIER=false); Tailspin reads its Kafka topic instead`);
      return undefined;
    }
  }

  /** The URL the exchange's Tailspin connection posts to. */
  get webhookUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${DEMO_SUPPLIER_WEBHOOK_PATH}`;
  }

  /** Where the exchange's inbound REST endpoint listens (the supplier context's origin); replies wait for it. */
  connect(exchangeOrigin: string): void {
    this.inbound?.(`${exchangeOrigin}${SUPPLIER_INBOUND_ROUTE_PREFIX}/${DEMO_SUPPLIER_ID}/troubleTicketEvent`);
  }

  /** Calls `listener` with every step, after it is logged. */
  onStep(listener: (step: DemoSupplierStep) => void): void {
    this.listeners.push(listener);
  }

  /** Stops listening and cancels the resolutions still waiting. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const verdict = await this.check(request).catch((error: unknown): Verdict => ({ status: 400, message: error instanceof Error ? error.message : String(error) }));
    response.statusCode = verdict.status;
    response.setHeader('content-type', 'text/plain; charset=utf-8');
    response.end(verdict.message);
    if (verdict.event !== undefined) this.take(verdict.event);
    else if (verdict.status !== 404) this.report({ step: 'refused', ticketId: '-', detail: `HTTP ${verdict.status}: ${verdict.message}` });
  }

  /** The request as a verified outbound event, or the answer refusing it. */
  private async check(request: IncomingMessage): Promise<Verdict> {
    if (request.method !== 'POST' || request.url !== DEMO_SUPPLIER_WEBHOOK_PATH) {
      request.resume();
      return { status: 404, message: 'not found' };
    }
    const body = await readLimitedBytes(request, MAX_BODY_BYTES);
    if (body.kind === 'too-large') return { status: 413, message: 'body too large' };
    const verified = verifyWebhook([this.verifyingKey], request.headers, body.bytes, Math.floor(this.now() / 1000));
    if (!verified.ok) return { status: 401, message: `signature refused: ${verified.reason}` };
    let json: unknown;
    try {
      json = JSON.parse(body.bytes.toString('utf8')) as unknown;
    } catch {
      return { status: 400, message: 'the body is not JSON' };
    }
    try {
      const event = decodeStructuredEnvelope(json);
      this.registry.validatePayload(this.outboundTopic, event.type, event.data);
      return { status: 204, message: '', event };
    } catch (error) {
      if (error instanceof ContractError) return { status: 400, message: [error.message, ...error.details].join('; ') };
      throw error;
    }
  }

  /** A verified event: a create opens Tailspin's ticket, acknowledges it and schedules its resolution. */
  private take(event: EventEnvelope): void {
    // Checked against the outbound family's schema by `check`.
    const data = event.data as { readonly eventType: string; readonly event: { readonly troubleTicket: TroubleTicket } };
    const ticket = data.event.troubleTicket;
    const number = ticket.externalIdentifier.find((identifier) => identifier.owner === 'integrator')?.id ?? ticket.id;
    this.report({ step: 'received', ticketId: ticket.id, detail: `${data.eventType} for ${number} "${ticket.name}" (TMF status ${ticket.status})` });
    if (event.type !== 'itsm.supplier.trouble-ticket-created.v1' || this.tickets.has(ticket.id)) return;
    this.counter += 1;
    const own = `${TICKET_PREFIX}-${this.counter}`;
    this.tickets.set(ticket.id, { own, number });
    void this.reply(ticket.id, 'acknowledged', 'itsm.supplier.trouble-ticket-acknowledged.v1', { ticketId: ticket.id, externalIdentifier: own }).then((ok) => {
      if (!ok || this.closed) return;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.reply(ticket.id, 'resolved', 'itsm.supplier.trouble-ticket-resolved.v1', { ticketId: ticket.id, resolution: `Tailspin ${own}: fixed on our side (demo supplier).` });
      }, this.options.resolveAfterMs);
      this.timers.add(timer);
    });
  }

  /** One signed message to the exchange's inbound endpoint; true when it took it (2xx). */
  private async reply<T extends SupplierInboundEventType>(ticketId: string, step: 'acknowledged' | 'resolved', type: T, data: SupplierInboundPayload<T>): Promise<boolean> {
    const url = await this.inboundUrl;
    if (this.closed) return false;
    const id = `tailspin-${randomUUID()}`;
    const at = this.now();
    const body = JSON.stringify(createEnvelope({ id, source: SOURCE, type, subject: ticketId, time: new Date(at), data, sequence: ++this.sent, correlationid: id }));
    const headers = signWebhook([this.signingKey], id, Math.floor(at / 1000), body);
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/cloudevents+json', ...headers }, body, signal: AbortSignal.timeout(POST_TIMEOUT_MS) });
      const answer = await response.text();
      if (!response.ok) {
        this.report({ step: 'failed', ticketId, detail: `${step}: the exchange answered HTTP ${response.status} ${answer}` });
        return false;
      }
      const known = this.tickets.get(ticketId);
      this.report({ step, ticketId, detail: `${known?.number ?? ''} as ${known?.own ?? '?'} (HTTP ${response.status})` });
      return true;
    } catch (error) {
      this.report({ step: 'failed', ticketId, detail: `${step}: ${error instanceof Error ? error.message : String(error)}` });
      return false;
    }
  }

  private report(step: DemoSupplierStep): void {
    const line = `demo supplier Tailspin: ${step.step} ${step.ticketId} ${step.detail}`;
    if (step.step === 'refused' || step.step === 'failed') this.options.log.warn({ demoSupplier: step }, line);
    else this.options.log.info({ demoSupplier: step }, line);
    for (const listener of this.listeners) listener(step);
  }
}

/**
 * What the supplier exchange needs to connect the demo's Tailspin to this receiver by webhook: its URL,
 * and loopback targets allowed (the all-in-one only; production refuses private targets).
 */
export function demoSupplierExchangeEnv(supplier: DemoSupplier): { readonly SUPPLIER_EXCHANGE_DEMO_WEBHOOK_URL: string; readonly SUPPLIER_EXCHANGE_ALLOW_PRIVATE_TARGETS: true } {
  return { SUPPLIER_EXCHANGE_DEMO_WEBHOOK_URL: supplier.webhookUrl, SUPPLIER_EXCHANGE_ALLOW_PRIVATE_TARGETS: true };
}
