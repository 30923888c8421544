import { createEnvelope } from '@itsm/contracts';
import type { CorrelationRecord, SupplierInboundEvent, SupplierOutboundEvent, SupplierUpdateEnvelope } from '../../../domain';
import { SupplierExchangeError } from '../../../domain';
import { connection } from '../../../test-fixtures/incident-stream';
import { CorrelationStore } from '../../ports/supplier-exchange-stores.port';
import type { InboundReceipt, StoredCorrelation } from '../../ports/supplier-exchange-stores.port';
import { ReceiveSupplierMessageCommand } from './receive-supplier-message.command';
import { ReceiveSupplierMessageHandler, RECEIPT_RETENTION_MS } from './receive-supplier-message.handler';

const RECEIVED = new Date(Date.UTC(2026, 10, 20, 12, 0, 0));

/** Records in memory with the repository's optimistic version: `applyInbound` on an older version is a conflict. */
class Correlations extends CorrelationStore {
  readonly stored = new Map<string, StoredCorrelation>();
  readonly updates: SupplierUpdateEnvelope[] = [];
  /** Changes the record (as a concurrent writer would) before each of the next `n` writes lands. */
  interleave = 0;
  constructor(records: CorrelationRecord[]) {
    super();
    for (const record of records) this.stored.set(`${record.ticketId}/${record.supplierId}`, { record, version: 1, receipts: [] });
  }
  async forTicket(ticketId: string): Promise<readonly StoredCorrelation[]> {
    return [...this.stored.values()].filter((s) => s.record.ticketId === ticketId);
  }
  async save(_stored: StoredCorrelation | null, _record: CorrelationRecord, _events: readonly SupplierOutboundEvent[]): Promise<void> {
    throw new Error('receiving a message writes through applyInbound');
  }
  async applyInbound(stored: StoredCorrelation, record: CorrelationRecord, update: SupplierUpdateEnvelope, receipt: InboundReceipt, keepSince: Date): Promise<'applied' | 'conflict'> {
    const key = `${record.ticketId}/${record.supplierId}`;
    const current = this.stored.get(key);
    if (current === undefined) throw new Error(`no record ${key}`);
    if (this.interleave > 0) {
      this.interleave -= 1;
      this.stored.set(key, { ...current, version: current.version + 1 });
      return 'conflict';
    }
    if (current.version !== stored.version) return 'conflict';
    this.stored.set(key, { record, version: current.version + 1, receipts: [...current.receipts.filter((r) => r.receivedAt >= keepSince), receipt] });
    this.updates.push(update);
    return 'applied';
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
    const correlations = new Correlations([record('inc-1', 'acme'), record('inc-2', 'globex')]);
    const handler = new ReceiveSupplierMessageHandler(correlations);
    const receive = (message: SupplierInboundEvent, at = RECEIVED) => handler.execute(new ReceiveSupplierMessageCommand('acme', connection(), message, at));
    return { correlations, receive };
  };

  it('applies a message as one write of the record, its receipt and its update-received event; the same id again is a replay', async () => {
    const { correlations, receive } = setup();
    expect(await receive(ack('inc-1', 'm-1'))).toMatchObject({ kind: 'applied' });
    const stored = correlations.stored.get('inc-1/acme');
    expect(stored?.record).toMatchObject({ supplierTicketId: 'ACME-1', inboundSequence: 1 });
    expect(stored?.receipts).toEqual([{ messageId: 'm-1', receivedAt: RECEIVED }]);
    expect(correlations.updates).toEqual([expect.objectContaining({ type: 'itsm.supplier-exchange.update-received.v1', subject: 'inc-1', sequence: 1, data: expect.objectContaining({ agentId: 'p-acme-agent', inboundMessageId: 'm-1' }) })]);
    expect(await receive(ack('inc-1', 'm-1'))).toMatchObject({ kind: 'refused', reason: 'replayed' });
    expect(correlations.updates).toHaveLength(1);
  });

  it('numbers the updates of a (ticket, supplier) without gaps, a refused message taking no number', async () => {
    const { correlations, receive } = setup();
    await receive(ack('inc-1', 'm-5'));
    expect(await receive(ack('inc-2', 'm-x'))).toMatchObject({ kind: 'refused', reason: 'another_suppliers_ticket' });
    await receive(ack('inc-1', 'm-6'));
    expect(correlations.updates.map((u) => u.sequence)).toEqual([1, 2]);
  });

  it('decides again from the record as it is after losing a write to a concurrent change, and gives up (retryable) when it keeps losing', async () => {
    const { correlations, receive } = setup();
    correlations.interleave = 3;
    expect(await receive(ack('inc-1', 'm-7'))).toMatchObject({ kind: 'applied' });
    expect(correlations.stored.get('inc-1/acme')?.version).toBe(5);
    correlations.interleave = 100;
    await expect(receive(ack('inc-1', 'm-8'))).rejects.toThrow(SupplierExchangeError);
    await expect(receive(ack('inc-1', 'm-8'))).rejects.toMatchObject({ code: 'SUPPLIER_EXCHANGE.UNAVAILABLE' });
  });

  it('keeps receipts for the replay window only', async () => {
    const { correlations, receive } = setup();
    await receive(ack('inc-1', 'm-old'));
    const later = new Date(RECEIVED.getTime() + RECEIPT_RETENTION_MS + 1);
    await receive(ack('inc-1', 'm-new'), later);
    expect(correlations.stored.get('inc-1/acme')?.receipts.map((r) => r.messageId)).toEqual(['m-new']);
  });

  it('refuses what decideInbound refuses, writing nothing', async () => {
    const { correlations, receive } = setup();
    expect(await receive(ack('inc-2', 'm-3'))).toMatchObject({ kind: 'refused', reason: 'another_suppliers_ticket' });
    expect(await receive(ack('inc-9', 'm-4'))).toMatchObject({ kind: 'refused', reason: 'unknown_ticket' });
    expect(correlations.updates).toHaveLength(0);
  });
});
