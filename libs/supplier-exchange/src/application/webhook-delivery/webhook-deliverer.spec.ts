import { parseVerifyingKey, ScriptedHttpTransport, verifyWebhook } from '@itsm/platform/webhooks';
import { applyIncidentEvent, decide } from '../../domain';
import type { CorrelationRecord, SupplierConnection, SupplierOutboundEvent, TicketView } from '../../domain';
import { CALLER, connection, IncidentStream } from '../../test-fixtures/incident-stream';
import { SUPPLIER_KEYS } from '../../test-fixtures/supplier-keys';
import { SupplierConnectionStore, WebhookQueueStore } from '../ports/supplier-exchange-stores.port';
import type { ClaimedWebhookEvent, StoredSupplierConnection, WebhookDeadLetter, WebhookDeliveryState } from '../ports/supplier-exchange-stores.port';
import { SupplierConnections } from '../supplier-connections/supplier-connections';
import { WebhookDeliverer } from './webhook-deliverer';
import { DEFAULT_WEBHOOK_DELIVERY_POLICY } from './webhook-delivery-policy';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const HOOK = connection({ outbound: { channel: 'webhook', url: 'https://hooks.acme.example/itsm', signingKeys: [SUPPLIER_KEYS.acme.privateKey] } });

/** One record's queue, as the repository keeps it: the head due at `dueAt`, the verdicts recorded. */
class Queue extends WebhookQueueStore {
  dueAt = 0;
  attempts = 0;
  readonly log: string[] = [];
  deadLetterOf: WebhookDeadLetter | null = null;
  constructor(readonly events: SupplierOutboundEvent[]) {
    super();
  }
  async claim(now: Date, leaseUntil: Date): Promise<ClaimedWebhookEvent | null> {
    const head = this.events[0];
    if (head === undefined || this.dueAt > now.getTime()) return null;
    this.dueAt = leaseUntil.getTime();
    return { ticketId: head.subject, supplierId: head.tenant ?? '', event: head, attempts: this.attempts };
  }
  async delivered(claim: ClaimedWebhookEvent, now: Date) {
    this.log.push(`delivered ${claim.event.sequence}`);
    this.events.shift();
    [this.dueAt, this.attempts] = [now.getTime(), 0];
  }
  async retry(claim: ClaimedWebhookEvent, at: Date, reason: string) {
    this.log.push(`retry ${claim.event.sequence} +${at.getTime() - T0} ${reason}`);
    [this.dueAt, this.attempts] = [at.getTime(), claim.attempts + 1];
  }
  async deadLetter(_claim: ClaimedWebhookEvent, letter: WebhookDeadLetter) {
    this.log.push(`dead ${letter.sequence} ${letter.reason}`);
    [this.dueAt, this.deadLetterOf] = [Number.MAX_SAFE_INTEGER, letter];
  }
  async release(): Promise<'not-held'> {
    throw new Error('the deliverer releases no queue');
  }
  async forTicket(): Promise<readonly WebhookDeliveryState[]> {
    return [];
  }
}

class Connections extends SupplierConnectionStore {
  constructor(private readonly all: SupplierConnection[]) {
    super();
  }
  async save(): Promise<StoredSupplierConnection> {
    throw new Error('not saved here');
  }
  async get(id: string) {
    const found = this.all.find((c) => c.supplierId === id);
    return found === undefined ? null : { connection: found, version: 1 };
  }
  async list() {
    return this.all.map((c) => ({ connection: c, version: 1 }));
  }
  async byOrganisation() {
    return null;
  }
}

/** The events `decide` gives the supplier for a ticket opened in its group, started and commented on. */
function events(): SupplierOutboundEvent[] {
  const s = new IncidentStream('inc-d1');
  let view: TicketView | null = null;
  let record: CorrelationRecord | null = null;
  const sent: SupplierOutboundEvent[] = [];
  for (const event of [s.opened({ assignmentGroupId: 'grp-acme', assignedOrgId: 'org-acme' }), s.next('itsm.incident.work-started.v1', { state: 'in_progress' }), s.note('comment', 'hello')]) {
    view = applyIncidentEvent(view, event);
    const decision = decide({ record, connection: HOOK, view, event, caller: CALLER });
    record = decision.record;
    sent.push(...decision.events);
  }
  return sent;
}

function setup(connections: SupplierConnection[] = [HOOK]) {
  const now = { t: T0 };
  const clock = { now: () => new Date(now.t) };
  const http = new ScriptedHttpTransport();
  const queue = new Queue(events());
  const policy = { ...DEFAULT_WEBHOOK_DELIVERY_POLICY, backoff: { baseMs: 1_000, maxMs: 60_000, jitter: 0 }, maxAttempts: 3 };
  const deliverer = new WebhookDeliverer(queue, new SupplierConnections(new Connections(connections), clock, 0), clock, http, policy, { warn: () => undefined });
  return { now, http, queue, deliverer };
}

describe('WebhookDeliverer', () => {
  it('POSTs each head signed with webhook-id = the event id, the next only after a 2xx', async () => {
    const { http, queue, deliverer } = setup();
    const ids = queue.events.map((e) => e.id);
    await expect(deliverer.deliverDue()).resolves.toBe(3);
    expect(queue.log).toEqual(['delivered 1', 'delivered 2', 'delivered 3']);
    expect(http.requests.map((r) => r.headers['webhook-id'])).toEqual(ids);
    const key = parseVerifyingKey(SUPPLIER_KEYS.acme.publicKey);
    for (const request of http.requests) {
      expect(request.url).toBe('https://hooks.acme.example/itsm');
      expect(verifyWebhook([key], request.headers, request.body, Math.floor(T0 / 1000))).toEqual({ ok: true, keyIndex: 0 });
      expect((JSON.parse(request.body) as SupplierOutboundEvent).id).toBe(request.headers['webhook-id']);
    }
    deliverer.onApplicationShutdown();
  });

  it('retries the same head after the backoff (a later one waits), then dead-letters a 4xx and holds the rest', async () => {
    const { now, http, queue, deliverer } = setup();
    http.answer(503, { status: 429, retryAfter: '30', body: '' });
    await deliverer.deliverDue();
    expect(queue.log).toEqual(['retry 1 +1000 HTTP 503']);
    now.t = T0 + 1_000;
    await deliverer.deliverDue();
    expect(queue.log.at(-1)).toBe('retry 1 +31000 HTTP 429');
    now.t = T0 + 31_000;
    http.answer(200, { status: 400, retryAfter: null, body: 'unknown severity' });
    await deliverer.deliverDue();
    expect(queue.log.slice(2)).toEqual(['delivered 1', 'dead 2 HTTP 400: unknown severity']);
    expect(http.requests.map((r) => (JSON.parse(r.body) as SupplierOutboundEvent).sequence)).toEqual([1, 1, 1, 2]);
    now.t = T0 + 86_400_000;
    await expect(deliverer.deliverDue()).resolves.toBe(0);
    expect(queue.events.map((e) => e.sequence)).toEqual([2, 3]);
    deliverer.onApplicationShutdown();
  });

  it('holds the queue when the connection is gone or back on Kafka: nothing is sent', async () => {
    const kafka = setup([{ ...HOOK, outbound: { channel: 'kafka' } }]);
    await kafka.deliverer.deliverDue();
    expect(kafka.queue.log).toEqual(['dead 1 connection acme is no longer on the webhook channel']);
    expect(kafka.http.requests).toEqual([]);
    const gone = setup([]);
    await gone.deliverer.deliverDue();
    expect(gone.queue.log).toEqual(['dead 1 no connection acme']);
    kafka.deliverer.onApplicationShutdown();
    gone.deliverer.onApplicationShutdown();
  });
});
