import { createEnvelope } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { Clock } from '@itsm/platform/config';
import { parseSigningKey, signWebhook, verifyWebhook } from '@itsm/platform/webhooks';
import { SupplierExchangeErrorCode } from '../../domain';
import type { SupplierInboundEvent } from '../../domain';
import { connection } from '../../test-fixtures/incident-stream';
import { SUPPLIER_KEYS } from '../../test-fixtures/supplier-keys';
import type { ReceiveOutcome, ReceiveSupplierMessageHandler } from '../commands/receive-supplier-message/receive-supplier-message.handler';
import type { ReceiveSupplierMessageCommand } from '../commands/receive-supplier-message/receive-supplier-message.command';
import { SupplierConnectionStore } from '../ports/supplier-exchange-stores.port';
import type { StoredSupplierConnection } from '../ports/supplier-exchange-stores.port';
import { SupplierConnections } from '../supplier-connections/supplier-connections';
import { SupplierInboundPipeline } from './supplier-inbound.pipeline';
import type { InboundVerifier } from './supplier-inbound.pipeline';

const NOW = new Date(Date.UTC(2026, 10, 20, 12, 0, 0));
const NOW_SECONDS = NOW.getTime() / 1000;

class FixedClock extends Clock {
  now(): Date {
    return NOW;
  }
}

class Connections extends SupplierConnectionStore {
  async save(): Promise<StoredSupplierConnection> {
    throw new Error('not saved here');
  }
  async get(): Promise<StoredSupplierConnection | null> {
    return null;
  }
  async list(): Promise<readonly StoredSupplierConnection[]> {
    return [{ connection: connection(), version: 1 }];
  }
  async byOrganisation(): Promise<StoredSupplierConnection | null> {
    return null;
  }
}

const ack = (data: Record<string, unknown>, type = 'itsm.supplier.trouble-ticket-acknowledged.v1'): EventEnvelope =>
  createEnvelope({ id: 'm-1', source: 'https://acme.example', type, subject: 'inc-1', time: NOW, data, sequence: 1, correlationid: 'c' });

/** Verifies headers signed by `key` at `at` seconds over `body`, as the REST endpoint does. */
const signedBy = (key: string, at: number, body = '{}'): InboundVerifier => {
  const headers = signWebhook([parseSigningKey(key)], 'm-1', at, body);
  return (keys, now, tolerance) => verifyWebhook(keys, { ...headers }, body, now, tolerance);
};

describe('SupplierInboundPipeline', () => {
  const setup = (outcome: ReceiveOutcome = { kind: 'applied', updateId: 'upd-1' }) => {
    const commands: ReceiveSupplierMessageCommand[] = [];
    const handler = { execute: async (command: ReceiveSupplierMessageCommand) => (commands.push(command), outcome) } as unknown as ReceiveSupplierMessageHandler;
    const clock = new FixedClock();
    const pipeline = new SupplierInboundPipeline(new SupplierConnections(new Connections(), clock, 5_000), handler, clock);
    return { pipeline, commands };
  };

  it("authenticates a message signed by one of the supplier's keys within the window, at the clock's time", async () => {
    const { pipeline } = setup();
    await expect(pipeline.authenticate('acme', signedBy(SUPPLIER_KEYS.acme.privateKey, NOW_SECONDS - 299))).resolves.toMatchObject({ kind: 'verified', connection: { supplierId: 'acme' } });
  });

  it('refuses an unknown supplier, another key and a timestamp outside the window, each with its code and reason', async () => {
    const { pipeline } = setup();
    const never: InboundVerifier = () => {
      throw new Error('an unknown supplier is not verified');
    };
    await expect(pipeline.authenticate('initech', never)).resolves.toMatchObject({ kind: 'refused', code: SupplierExchangeErrorCode.UnknownSupplier, reason: 'unknown_supplier' });
    await expect(pipeline.authenticate('acme', signedBy(SUPPLIER_KEYS.globex.privateKey, NOW_SECONDS))).resolves.toMatchObject({ code: SupplierExchangeErrorCode.Unauthenticated, reason: 'no_matching_signature' });
    await expect(pipeline.authenticate('acme', signedBy(SUPPLIER_KEYS.acme.privateKey, NOW_SECONDS - 301))).resolves.toMatchObject({ code: SupplierExchangeErrorCode.Unauthenticated, reason: 'timestamp_too_old' });
    await expect(pipeline.authenticate('acme', signedBy(SUPPLIER_KEYS.acme.privateKey, NOW_SECONDS + 301))).resolves.toMatchObject({ code: SupplierExchangeErrorCode.Unauthenticated, reason: 'timestamp_in_future' });
  });

  it("checks the payload against the family's schemas, naming the faults", () => {
    const { pipeline } = setup();
    expect(pipeline.checkPayload('acme', ack({ ticketId: 'inc-1' }))).toMatchObject({ kind: 'valid', message: { id: 'm-1' } });
    const bad = pipeline.checkPayload('acme', ack({ ticketId: 'inc-1', resolution: '' }, 'itsm.supplier.trouble-ticket-resolved.v1'));
    expect(bad).toMatchObject({ kind: 'refused', code: SupplierExchangeErrorCode.InvalidMessage, reason: 'invalid_payload' });
    expect(bad.kind === 'refused' ? bad.details.length : 0).toBeGreaterThan(0);
    expect(pipeline.checkPayload('acme', ack({ ticketId: 'inc-1' }, 'itsm.incident.opened.v1'))).toMatchObject({ code: SupplierExchangeErrorCode.InvalidMessage, reason: 'unknown_event_type' });
  });

  it('receives as the supplier at the clock time: applied, a replay with the update id the first delivery got, a decision refusal', async () => {
    const message = ack({ ticketId: 'inc-1' }) as SupplierInboundEvent;
    const applied = setup();
    await expect(applied.pipeline.receive('acme', connection(), message)).resolves.toEqual({ kind: 'applied', updateId: 'upd-1' });
    expect(applied.commands.map((c) => [c.supplierId, c.message.id, c.receivedAt])).toEqual([['acme', 'm-1', NOW]]);
    const replayed = setup({ kind: 'refused', reason: 'replayed', message: 'seen' });
    await expect(replayed.pipeline.receive('acme', connection(), message)).resolves.toEqual({ kind: 'replayed', updateId: 'supplier-update:acme:m-1' });
    const refused = setup({ kind: 'refused', reason: 'another_suppliers_ticket', message: 'not yours' });
    await expect(refused.pipeline.receive('acme', connection(), message)).resolves.toEqual({ kind: 'refused', code: SupplierExchangeErrorCode.InboundRefused, reason: 'another_suppliers_ticket', message: 'not yours', details: [] });
  });
});
