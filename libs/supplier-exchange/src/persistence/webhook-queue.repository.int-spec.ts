import type { Connection } from 'mongoose';
import { CorrelationStore, WebhookQueueStore } from '../application/ports/supplier-exchange-stores.port';
import { DEFAULT_WEBHOOK_DELIVERY_POLICY } from '../application/webhook-delivery/webhook-delivery-policy';
import { applyIncidentEvent, decide } from '../domain';
import type { SupplierOutboundEvent, TicketView } from '../domain';
import { SUPPLIER_EXCHANGE_CONNECTION } from '../supplier-exchange.module';
import { bootSupplierExchangeContext } from '../test-fixtures/booted-supplier-exchange-context';
import type { BootedSupplierExchangeContext } from '../test-fixtures/booted-supplier-exchange-context';
import { CALLER, connection, IncidentStream } from '../test-fixtures/incident-stream';
import { webhookQueueOn } from './correlation.repository';

const WEBHOOK = connection({ supplierId: 'acme', organisationId: 'org-acme', outbound: { channel: 'webhook', url: 'https://hooks.acme.example/itsm', signingKeys: ['whsec_ZGVtby1zdXBwbGllci13ZWJob29rLXNlY3JldC0zMmI='] } });
const T = Date.UTC(2026, 0, 5, 9, 0, 0);
const at = (ms: number) => new Date(T + ms);

/** The webhook queue on the correlation documents: claims, leases and verdicts kept in MongoDB (the app's own poller idle). */
describe('webhook queues on MongoDB', () => {
  let booted: BootedSupplierExchangeContext;
  let correlations: CorrelationStore;
  let replicaA: WebhookQueueStore;
  /** Another process on the same database: a second replica, or this one after a restart. */
  let replicaB: WebhookQueueStore;

  /** Decides the stream's events for the webhook supplier against the stored record and saves each decision as the relay handler does (a replayed event decides nothing). */
  async function relay(events: ReturnType<IncidentStream['next']>[]): Promise<SupplierOutboundEvent[]> {
    let view: TicketView | null = null;
    const sent: SupplierOutboundEvent[] = [];
    for (const event of events) {
      view = applyIncidentEvent(view, event);
      const stored = (await correlations.forTicket(view.id))[0] ?? null;
      const decision = decide({ record: stored?.record ?? null, connection: WEBHOOK, view, event, caller: CALLER });
      if (decision.record === null || decision.record === stored?.record) continue;
      await correlations.save(stored, decision.record, decision.events, 'webhook');
      sent.push(...decision.events);
    }
    return sent;
  }

  beforeAll(async () => {
    booted = await bootSupplierExchangeContext([], { webhookDelivery: { ...DEFAULT_WEBHOOK_DELIVERY_POLICY, pollMs: 600_000 } });
    correlations = booted.app.get(CorrelationStore);
    replicaA = booted.app.get(WebhookQueueStore);
    const mongo = booted.app.get<Connection>(SUPPLIER_EXCHANGE_CONNECTION);
    replicaB = webhookQueueOn(mongo);
  });
  afterAll(() => booted.close());

  it('hands out one head per record under a lease; after the lease (a crash, a restart) another process takes the same event', async () => {
    const s = new IncidentStream('inc-q-1');
    const sent = await relay([s.opened({ assignmentGroupId: 'grp-acme', assignedOrgId: 'org-acme' }), s.next('itsm.incident.work-started.v1', { state: 'in_progress' })]);
    expect(sent.map((e) => e.sequence)).toEqual([1, 2]);

    const claimed = await replicaA.claim(at(0), at(20_000));
    expect(claimed).toMatchObject({ ticketId: 'inc-q-1', supplierId: 'acme', attempts: 0, event: { id: sent[0]?.id } });
    await expect(replicaB.claim(at(19_999), at(40_000))).resolves.toBeNull();
    const again = await replicaB.claim(at(20_000), at(40_000));
    expect(again?.event.id).toBe(sent[0]?.id);
    if (again === null) throw new Error('expected the head again');

    await replicaB.retry(again, at(25_000), 'HTTP 503');
    await expect(replicaA.claim(at(24_999), at(50_000))).resolves.toBeNull();
    const retried = await replicaA.claim(at(25_000), at(50_000));
    expect(retried).toMatchObject({ attempts: 1, event: { sequence: 1 } });
    if (retried === null) throw new Error('expected the retried head');

    await replicaA.delivered(retried, at(26_000));
    const next = await replicaB.claim(at(26_000), at(60_000));
    expect(next).toMatchObject({ attempts: 0, event: { id: sent[1]?.id, sequence: 2 } });
    if (next === null) throw new Error('expected the next head');
    await replicaB.delivered(next, at(27_000));
    await expect(replicaA.claim(at(27_000), at(60_000))).resolves.toBeNull();
    await expect(replicaA.forTicket('inc-q-1')).resolves.toEqual([
      { ticketId: 'inc-q-1', supplierId: 'acme', queued: 0, delivered: 2, attempts: 0, lastError: null, nextAttemptAt: null, deadLetter: null },
    ]);
  });

  it('holds a dead-lettered queue: the reason kept, later events queued and never claimed', async () => {
    const s = new IncidentStream('inc-q-2');
    const opened = s.opened({ assignmentGroupId: 'grp-acme', assignedOrgId: 'org-acme' });
    const started = s.next('itsm.incident.work-started.v1', { state: 'in_progress' });
    const sent = await relay([opened, started]);
    const head = await replicaA.claim(at(0), at(20_000));
    if (head === null) throw new Error('expected a head');
    await replicaA.deadLetter(head, { eventId: head.event.id, sequence: 1, status: 422, reason: 'HTTP 422: unknown severity', at: at(1_000) });

    // A later event of the ticket is written after the dead letter: it waits behind it.
    await relay([opened, started, s.note('comment', 'Later')]);
    await expect(replicaB.claim(at(10 * 365 * 86_400_000), at(10 * 365 * 86_400_000 + 1))).resolves.toBeNull();
    const [state] = await replicaB.forTicket('inc-q-2');
    expect(state).toMatchObject({ queued: 3, delivered: 0, attempts: 1, lastError: 'HTTP 422: unknown severity', deadLetter: { eventId: sent[0]?.id, sequence: 1, status: 422, reason: 'HTTP 422: unknown severity' } });
  });

  it('claims an event queued while a claim found the queue drained: due at once, not when that lease runs out', async () => {
    const s = new IncidentStream('inc-q-3');
    const opened = s.opened({ assignmentGroupId: 'grp-acme', assignedOrgId: 'org-acme' });
    await relay([opened]);
    const first = await replicaA.claim(at(0), at(20_000));
    if (first === null) throw new Error('expected the first head');
    await replicaA.delivered(first, at(1_000));

    // The next claim finds the queue drained; the incident's next event is queued right after that read.
    const collection = booted.app.get<Connection>(SUPPLIER_EXCHANGE_CONNECTION).model('SupplierCorrelation').collection;
    const original = collection.findOneAndUpdate.bind(collection) as (...args: unknown[]) => Promise<unknown>;
    const spy = jest.spyOn(collection, 'findOneAndUpdate').mockImplementationOnce((async (...args: unknown[]) => {
      const found = await original(...args);
      await relay([opened, s.next('itsm.incident.work-started.v1', { state: 'in_progress' })]);
      return found;
    }) as unknown as typeof collection.findOneAndUpdate);
    try {
      const next = await replicaA.claim(at(2_000), at(22_000));
      expect(next).toMatchObject({ ticketId: 'inc-q-3', event: { sequence: 2 } });
    } finally {
      spy.mockRestore();
    }
  });
});
