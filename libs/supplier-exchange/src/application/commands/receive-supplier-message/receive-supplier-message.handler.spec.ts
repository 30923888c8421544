import { createEnvelope } from '@itsm/contracts';
import type { CorrelationRecord, SupplierInboundEvent, SupplierOutboundEvent, SupplierUpdateEnvelope } from '../../../domain';
import { connection } from '../../../test-fixtures/incident-stream';
import { CorrelationStore, SupplierMessageReceiptStore } from '../../ports/supplier-exchange-stores.port';
import type { StoredCorrelation, SupplierMessageReceipt } from '../../ports/supplier-exchange-stores.port';
import { ReceiveSupplierMessageCommand } from './receive-supplier-message.command';
import { ReceiveSupplierMessageHandler } from './receive-supplier-message.handler';

const RECEIVED = new Date(Date.UTC(2026, 10, 20, 12, 0, 0));

class Correlations extends CorrelationStore {
  private readonly allocated = new Map<string, number>();
  constructor(private readonly records: CorrelationRecord[]) {
    super();
  }
  async allocateInboundSequence(ticketId: string, supplierId: string): Promise<number> {
    const next = (this.allocated.get(`${ticketId}/${supplierId}`) ?? 0) + 1;
    this.allocated.set(`${ticketId}/${supplierId}`, next);
    return next;
  }
  async forTicket(ticketId: string): Promise<readonly StoredCorrelation[]> {
    return this.records.filter((r) => r.ticketId === ticketId).map((record) => ({ record, version: 1 }));
  }
  async save(_stored: StoredCorrelation | null, _record: CorrelationRecord, _events: readonly SupplierOutboundEvent[]): Promise<void> {
    throw new Error('receiving a message writes no correlation record');
  }
}

class Receipts extends SupplierMessageReceiptStore {
  readonly taken = new Map<string, { receipt: SupplierMessageReceipt; update: SupplierUpdateEnvelope }>();
  /** A concurrent delivery that wins the insert between `seen` and `take`. */
  raceOn: string | undefined;
  async seen(supplierId: string, messageId: string): Promise<boolean> {
    return this.taken.has(`${supplierId}/${messageId}`);
  }
  async take(receipt: SupplierMessageReceipt, update: SupplierUpdateEnvelope): Promise<'taken' | 'duplicate'> {
    const key = `${receipt.supplierId}/${receipt.messageId}`;
    if (this.taken.has(key) || this.raceOn === receipt.messageId) return 'duplicate';
    this.taken.set(key, { receipt, update });
    return 'taken';
  }
}

const record = (ticketId: string, supplierId: string): CorrelationRecord => ({
  ticketId, supplierId, supplierTicketId: null, expectedResolutionDate: null, sequence: 1, lastStatus: 'inProgress',
  incidentState: 'in_progress', incidentSequence: 2, inboundSequence: 0, ended: false, endReason: null,
});

const ack = (ticketId: string, id: string): SupplierInboundEvent =>
  createEnvelope({ id, source: '/suppliers/acme', type: 'itsm.supplier.trouble-ticket-acknowledged.v1', subject: ticketId, time: RECEIVED, data: { ticketId, externalIdentifier: 'ACME-1' }, sequence: 1, correlationid: 'c' }) as SupplierInboundEvent;

describe('ReceiveSupplierMessageHandler', () => {
  const setup = () => {
    const receipts = new Receipts();
    const handler = new ReceiveSupplierMessageHandler(new Correlations([record('inc-1', 'acme'), record('inc-2', 'globex')]), receipts);
    const receive = (message: SupplierInboundEvent) => handler.execute(new ReceiveSupplierMessageCommand('acme', connection(), message, RECEIVED));
    return { receipts, receive };
  };

  it('takes an applied message as its receipt with the update-received event, once: the same id again is a replay', async () => {
    const { receipts, receive } = setup();
    const first = await receive(ack('inc-1', 'm-1'));
    expect(first).toMatchObject({ kind: 'applied' });
    const taken = receipts.taken.get('acme/m-1');
    expect(taken?.receipt).toEqual({ supplierId: 'acme', messageId: 'm-1', receivedAt: RECEIVED });
    expect(taken?.update).toMatchObject({ type: 'itsm.supplier-exchange.update-received.v1', subject: 'inc-1', data: { agentId: 'p-acme-agent', inboundMessageId: 'm-1' } });
    expect(await receive(ack('inc-1', 'm-1'))).toMatchObject({ kind: 'refused', reason: 'replayed' });
    expect(receipts.taken.size).toBe(1);
  });

  it('gives two messages decided before the record took the first one distinct, rising sequences', async () => {
    const { receipts, receive } = setup();
    await receive(ack('inc-1', 'm-5'));
    await receive(ack('inc-1', 'm-6'));
    expect([receipts.taken.get('acme/m-5')?.update.sequence, receipts.taken.get('acme/m-6')?.update.sequence]).toEqual([1, 2]);
  });

  it('refuses a replay that wins the insert race, and what decideInbound refuses, writing nothing', async () => {
    const { receipts, receive } = setup();
    receipts.raceOn = 'm-2';
    expect(await receive(ack('inc-1', 'm-2'))).toMatchObject({ kind: 'refused', reason: 'replayed' });
    expect(await receive(ack('inc-2', 'm-3'))).toMatchObject({ kind: 'refused', reason: 'another_suppliers_ticket' });
    expect(await receive(ack('inc-9', 'm-4'))).toMatchObject({ kind: 'refused', reason: 'unknown_ticket' });
    expect(receipts.taken.size).toBe(0);
  });
});
