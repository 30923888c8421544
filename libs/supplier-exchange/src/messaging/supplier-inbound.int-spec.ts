import { ContractErrorCode, createEnvelope, DLQ_HEADERS, encodeEnvelope } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { parseSigningKey, signRecord } from '@itsm/platform/webhooks';
import { expectEventually } from '@itsm/testing';
import { CorrelationStore } from '../application/ports/supplier-exchange-stores.port';
import { SupplierConnections } from '../application/supplier-connections/supplier-connections';
import { SupplierInboundPipeline } from '../application/supplier-inbound/supplier-inbound.pipeline';
import { SupplierExchangeErrorCode } from '../domain';
import type { SupplierInboundEvent, SupplierUpdateEnvelope } from '../domain';
import { assignToSupplier, bootSupplierExchangeContext, connectTwoSuppliers } from '../test-fixtures/booted-supplier-exchange-context';
import type { BootedSupplierExchangeContext } from '../test-fixtures/booted-supplier-exchange-context';
import { connection } from '../test-fixtures/incident-stream';
import { SUPPLIER_KEYS } from '../test-fixtures/supplier-keys';
import { SupplierInboundSubscription } from './supplier-inbound.subscription';

const EXCHANGE = 'itsm.supplier-exchange.v1';
const A_IN = 'itsm.supplier.acme.in.v1';

type InboundType = SupplierInboundEvent['type'];
let counter = 0;

/** A message of supplier A about `ticketId` (its own id unless given), as A's system would build it. */
function message(type: InboundType, data: Record<string, unknown>, id = `acme-msg-${++counter}`): SupplierInboundEvent {
  return createEnvelope({ id, source: 'https://acme.example/ticketing', type, subject: String(data['ticketId']), time: new Date(), data, sequence: counter, correlationid: `acme-corr-${counter}` }) as unknown as SupplierInboundEvent;
}

/** The message as a record signed by `key` (A's own unless given) at `timestamp` seconds (now unless given). */
function signed(event: EventEnvelope, key: string = SUPPLIER_KEYS.acme.privateKey, timestamp = Math.floor(Date.now() / 1000)) {
  const record = signRecord([parseSigningKey(key)], encodeEnvelope(event), timestamp);
  return { key: record.key, value: record.value, headers: record.headers };
}

/** The supplier's inbound topic -> update-received events on itsm.supplier-exchange.v1, on the in-process bus and MongoDB. */
describe("suppliers' inbound topics -> itsm.supplier-exchange.v1", () => {
  let booted: BootedSupplierExchangeContext;
  const updates = (ticketId: string) => booted.published.filter((e) => e.type === 'itsm.supplier-exchange.update-received.v1' && e.subject === ticketId).map((e) => e as SupplierUpdateEnvelope);
  const send = (...records: ReturnType<typeof signed>[]) => booted.bus.publishRaw(A_IN, records);
  /** The refusals of A's dead-letter topic for a message id: its code and the reason its text starts with. */
  const deadLetters = (messageId: string) =>
    booted.bus.records(`${A_IN}.dlq`).filter((r) => String(r.headers['ce_id']) === messageId).map((r) => ({
      code: String(r.headers[DLQ_HEADERS.code]),
      reason: String(r.headers[DLQ_HEADERS.reason]).replace(/^SupplierMessageRefused: /, '').split(':')[0],
    }));
  const recordOf = async (ticketId: string) => (await booted.app.get(CorrelationStore).forTicket(ticketId)).find((s) => s.record.supplierId === 'acme')?.record;

  const assign = (ticketId: string, org: 'org-acme' | 'org-globex') => assignToSupplier(booted, ticketId, org);

  beforeAll(async () => {
    booted = await bootSupplierExchangeContext([EXCHANGE]);
    await connectTwoSuppliers(booted);
    const subscription = booted.app.get(SupplierInboundSubscription);
    await subscription.sync();
    expect(subscription.subscribedTopics()).toEqual(['itsm.supplier.acme.in.v1', 'itsm.supplier.globex.in.v1']);
  });
  afterAll(() => booted.close());

  it("passes A's signed acknowledgement and resolution on as update-received events as A's agent; A's ticket id lands on the record", async () => {
    await assign('inc-in-1', 'org-acme');
    const ack = message('itsm.supplier.trouble-ticket-acknowledged.v1', { ticketId: 'inc-in-1', externalIdentifier: 'ACME-4711' });
    const resolved = message('itsm.supplier.trouble-ticket-resolved.v1', { ticketId: 'inc-in-1', resolution: 'Replaced the line card' });
    // Back to back: each is one write of A's record, with the next sequence of its stream.
    await send(signed(ack), signed(resolved));
    await expectEventually(() => expect(updates('inc-in-1').map((u) => u.data.action.kind)).toEqual(['acknowledge', 'resolve']));
    const [first, second] = updates('inc-in-1');
    expect(first?.data).toMatchObject({ supplierId: 'acme', agentId: 'p-acme-agent', inboundMessageId: ack.id, expectedState: 'in_progress', transition: null });
    expect(second?.data).toMatchObject({ agentId: 'p-acme-agent', inboundMessageId: resolved.id, transition: 'resolve' });
    expect([first?.sequence, second?.sequence]).toEqual([1, 2]);
    expect(first?.tenant).toBe('acme');
    await expectEventually(async () => expect(await recordOf('inc-in-1')).toMatchObject({ supplierTicketId: 'ACME-4711', inboundSequence: 2 }));
    expect(deadLetters(ack.id)).toEqual([]);
  });

  it('dead-letters a forged, expired, replayed, misdirected or malformed message with its reason, applies none of them, and still applies a good one after them', async () => {
    await assign('inc-in-2', 'org-acme');
    await assign('inc-in-3', 'org-globex');
    const applied = message('itsm.supplier.trouble-ticket-acknowledged.v1', { ticketId: 'inc-in-2' });
    await send(signed(applied));
    await expectEventually(() => expect(updates('inc-in-2')).toHaveLength(1));

    const forged = message('itsm.supplier.trouble-ticket-resolved.v1', { ticketId: 'inc-in-2', resolution: 'forged' });
    const expired = message('itsm.supplier.trouble-ticket-resolved.v1', { ticketId: 'inc-in-2', resolution: 'late' });
    const replayed = message('itsm.supplier.trouble-ticket-resolved.v1', { ticketId: 'inc-in-2', resolution: 'again' }, applied.id);
    const unknown = message('itsm.supplier.trouble-ticket-resolved.v1', { ticketId: 'inc-nowhere', resolution: 'who?' });
    const others = message('itsm.supplier.trouble-ticket-resolved.v1', { ticketId: 'inc-in-3', resolution: "Globex's" });
    const malformed = message('itsm.supplier.trouble-ticket-resolved.v1', { ticketId: 'inc-in-2', resolution: '' });
    const good = message('itsm.supplier.trouble-ticket-note-added.v1', { ticketId: 'inc-in-2', noteId: 'n-1', text: 'Engineer on site', author: 'Bob' });
    await send(
      signed(forged, SUPPLIER_KEYS.globex.privateKey),
      signed(expired, SUPPLIER_KEYS.acme.privateKey, Math.floor(Date.now() / 1000) - 3_600),
      signed(replayed),
      signed(unknown),
      signed(others),
      signed(malformed),
      signed(good),
    );
    await expectEventually(() => expect(updates('inc-in-2').map((u) => u.data.inboundMessageId)).toEqual([applied.id, good.id]));
    const refused = SupplierExchangeErrorCode.InboundRefused;
    const unauthenticated = SupplierExchangeErrorCode.Unauthenticated;
    expect(deadLetters(forged.id)).toEqual([{ code: unauthenticated, reason: 'no_matching_signature' }]);
    expect(deadLetters(expired.id)).toEqual([{ code: unauthenticated, reason: 'timestamp_too_old' }]);
    expect(deadLetters(applied.id)).toEqual([{ code: refused, reason: 'replayed' }]);
    expect(deadLetters(unknown.id)).toEqual([{ code: refused, reason: 'unknown_ticket' }]);
    expect(deadLetters(others.id)).toEqual([{ code: refused, reason: 'another_suppliers_ticket' }]);
    expect(deadLetters(malformed.id).map((d) => d.code)).toEqual([ContractErrorCode.InvalidPayload]);
    expect(updates('inc-nowhere')).toEqual([]);
    expect(updates('inc-in-3')).toEqual([]);
  });

  it('passes on a message delivered five times once', async () => {
    await assign('inc-in-4', 'org-acme');
    const update = message('itsm.supplier.trouble-ticket-updated.v1', { ticketId: 'inc-in-4', externalIdentifier: 'ACME-9', expectedResolutionDate: new Date(Date.now() + 86_400_000).toISOString() });
    const record = signed(update);
    await send(record, record, record, record, record);
    await expectEventually(() => expect(deadLetters(update.id)).toHaveLength(4));
    expect(updates('inc-in-4')).toHaveLength(1);
    await expectEventually(async () => expect((await recordOf('inc-in-4'))?.supplierTicketId).toBe('ACME-9'));
  });

  it('publishes messages about one ticket taken concurrently as one gapless stream in sequence order, each once, the record holding its receipts', async () => {
    await assign('inc-in-6', 'org-acme');
    const pipeline = booted.app.get(SupplierInboundPipeline);
    const found = await pipeline.connectionOf('acme');
    if (found.kind !== 'found') throw new Error('acme is connected');
    const notes = Array.from({ length: 12 }, (_, i) => message('itsm.supplier.trouble-ticket-note-added.v1', { ticketId: 'inc-in-6', noteId: `cn-${i}`, text: `Note ${i}`, author: 'Bob' }));
    // The same message twice among them: one effect.
    const outcomes = await Promise.all([...notes, notes[3] as SupplierInboundEvent].map((note) => pipeline.receive('acme', found.connection, note)));
    expect(outcomes.filter((o) => o.kind === 'applied')).toHaveLength(12);
    await expectEventually(() => expect(updates('inc-in-6')).toHaveLength(12));
    const stream = updates('inc-in-6');
    expect(stream.map((u) => u.sequence)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(new Set(stream.map((u) => u.data.inboundMessageId))).toEqual(new Set(notes.map((n) => n.id)));
    const stored = (await booted.app.get(CorrelationStore).forTicket('inc-in-6')).find((s) => s.record.supplierId === 'acme');
    expect(stored?.record.inboundSequence).toBe(12);
    expect(stored?.receipts.map((r) => r.messageId).sort()).toEqual(notes.map((n) => n.id).sort());
  });

  it('follows the connection list: a supplier connected later is consumed after the next sync', async () => {
    await booted.app.get(SupplierConnections).save(connection({ supplierId: 'initech', organisationId: 'org-initech', name: 'Initech', inboundKeys: [SUPPLIER_KEYS.tailspin.publicKey] }), null);
    const subscription = booted.app.get(SupplierInboundSubscription);
    await subscription.sync();
    expect(subscription.subscribedTopics()).toEqual(['itsm.supplier.acme.in.v1', 'itsm.supplier.globex.in.v1', 'itsm.supplier.initech.in.v1']);
    // Still consuming A's topic after the resubscription (nothing published before it is lost or taken twice).
    await assign('inc-in-5', 'org-acme');
    const ack = message('itsm.supplier.trouble-ticket-acknowledged.v1', { ticketId: 'inc-in-5' });
    await send(signed(ack));
    await expectEventually(() => expect(updates('inc-in-5')).toHaveLength(1));
    expect(updates('inc-in-1')).toHaveLength(2);
  });
});
