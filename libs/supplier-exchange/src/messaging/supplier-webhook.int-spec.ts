import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventEnvelope } from '@itsm/contracts';
import { parseVerifyingKey, verifyWebhook } from '@itsm/platform/webhooks';
import { expectEventually } from '@itsm/testing';
import { WebhookQueueStore } from '../application/ports/supplier-exchange-stores.port';
import { SupplierConnections } from '../application/supplier-connections/supplier-connections';
import { keyId } from '../application/supplier-connections/connection-keys';
import { DEFAULT_WEBHOOK_DELIVERY_POLICY } from '../application/webhook-delivery/webhook-delivery-policy';
import { SupplierExchangeErrorCode } from '../domain';
import type { SupplierOutboundEvent } from '../domain';
import { bootSupplierExchangeContext } from '../test-fixtures/booted-supplier-exchange-context';
import type { BootedSupplierExchangeContext } from '../test-fixtures/booted-supplier-exchange-context';
import { connection, IncidentStream } from '../test-fixtures/incident-stream';
import { SUPPLIER_KEYS } from '../test-fixtures/supplier-keys';

const KAFKA_TOPIC = 'itsm.supplier.hooky.out.v1';

interface Received {
  readonly id: string;
  readonly verified: boolean;
  readonly event: SupplierOutboundEvent;
  readonly status: number;
}

/** A supplier's webhook receiver: verifies each request against the supplier's public key, answers per script (200 once a script is used up). */
class Receiver {
  readonly received: Received[] = [];
  private readonly script = new Map<string, number[]>();
  private server: Server | undefined;
  /** The keys it verifies with (the supplier's copy of what the exchange signs with). */
  keys: string[] = [SUPPLIER_KEYS.acme.publicKey];

  answer(eventId: string, ...statuses: number[]): void {
    this.script.set(eventId, statuses);
  }

  /** The ids accepted (2xx), in the order they were accepted. */
  accepted(subject?: string): string[] {
    return this.received.filter((r) => r.status < 300 && (subject === undefined || r.event.subject === subject)).map((r) => r.id);
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        const headers: IncomingHttpHeaders = request.headers;
        const verified = verifyWebhook(this.keys.map((k) => parseVerifyingKey(k)), headers, body, Math.floor(Date.now() / 1000)).ok;
        const event = JSON.parse(body.toString('utf8')) as SupplierOutboundEvent;
        const id = String(headers['webhook-id']);
        const status = verified ? (this.script.get(id)?.shift() ?? 200) : 401;
        this.received.push({ id, verified, event, status });
        response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 400 ? 'unknown severity' : '');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/itsm/events`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server === undefined ? resolve() : this.server.close(() => resolve())));
  }
}

/** The incident stream on the real bus and MongoDB; a supplier on the webhook channel, a real HTTP receiver. */
describe('supplier webhook channel', () => {
  let booted: BootedSupplierExchangeContext;
  const receiver = new Receiver();
  const publish = (...events: EventEnvelope[]) => booted.bus.publishEnvelopes('itsm.incident.v1', events);
  const admin = async (query: string, variables: Record<string, unknown>) => booted.graphql(await booted.token('sx-admin', ['admin']), query, variables);
  const kinds = (ids: readonly string[]) => ids.map((id) => receiver.received.find((r) => r.id === id)?.event.type.replace('itsm.supplier.trouble-ticket-', '').replace('.v1', ''));

  beforeAll(async () => {
    const url = await receiver.start();
    booted = await bootSupplierExchangeContext([KAFKA_TOPIC], {
      webhookDelivery: {
        ...DEFAULT_WEBHOOK_DELIVERY_POLICY,
        http: { timeoutMs: 2_000, breaker: { errorThresholdPercentage: 50, volumeThreshold: 1_000, rollingCountTimeoutMs: 10_000, rollingCountBuckets: 10, resetTimeoutMs: 1_000 } },
        backoff: { baseMs: 20, maxMs: 200, jitter: 0.5 },
        pollMs: 50,
      },
    });
    await booted.app
      .get(SupplierConnections)
      .save(connection({ supplierId: 'hooky', organisationId: 'org-hooky', name: 'Hooky Hosting', outbound: { channel: 'webhook', url, signingKeys: [SUPPLIER_KEYS.acme.privateKey] } }), null);
  });
  afterAll(async () => {
    await booted.close();
    await receiver.stop();
  });

  it('POSTs the events signed, in per-ticket order, each accepted once although the first was answered 500 twice; a reassignment sends the final event and nothing after; nothing goes to Kafka', async () => {
    const s = new IncidentStream('inc-wh-1');
    const opened = s.opened();
    const assigned = s.assigned('grp-hooky', 'org-hooky', 'new');
    receiver.answer(`${assigned.id}:hooky`, 500, 500);
    await publish(opened, assigned, s.next('itsm.incident.work-started.v1', { state: 'in_progress' }), s.note('work_note', 'internal only'), s.note('comment', 'Please check the router'));
    await expectEventually(() => expect(kinds(receiver.accepted('inc-wh-1'))).toEqual(['created', 'status-changed', 'note-added']));

    const mine = receiver.received.filter((r) => r.event.subject === 'inc-wh-1');
    expect(mine.every((r) => r.verified)).toBe(true);
    // The first event three times (500, 500, 200), then each later one once, strictly after it: never out of order.
    expect(mine.map((r) => [r.event.sequence, r.status])).toEqual([
      [1, 500],
      [1, 500],
      [1, 200],
      [2, 200],
      [3, 200],
    ]);
    expect(mine.map((r) => r.id)).toEqual(mine.map((r) => r.event.id));
    expect(JSON.stringify(mine)).not.toContain('internal only');

    await publish(s.assigned('grp-desk', 'org-internal'), s.note('comment', 'After the supplier left'));
    await expectEventually(() => expect(kinds(receiver.accepted('inc-wh-1'))).toEqual(['created', 'status-changed', 'note-added', 'withdrawn']));
    // The receiver answers before the deliverer records the answer.
    await expectEventually(async () => expect((await booted.app.get(WebhookQueueStore).forTicket('inc-wh-1'))[0]).toMatchObject({ supplierId: 'hooky', queued: 0, delivered: 4, deadLetter: null }));
    expect(receiver.received.filter((r) => r.event.subject === 'inc-wh-1')).toHaveLength(6);
    expect(booted.published.filter((e) => e.subject === 'inc-wh-1')).toEqual([]);
  });

  it("dead-letters an event answered 400 with the reason on the record and holds the ticket's later events; other tickets flow", async () => {
    const held = new IncidentStream('inc-wh-2');
    const other = new IncidentStream('inc-wh-3');
    const opened = held.opened({ assignmentGroupId: 'grp-hooky', assignedOrgId: 'org-hooky' });
    const started = held.next('itsm.incident.work-started.v1', { state: 'in_progress' });
    receiver.answer(`${started.id}:hooky`, 400);
    await publish(opened, started, held.note('comment', 'Held behind the refusal'));
    await publish(other.opened({ assignmentGroupId: 'grp-hooky', assignedOrgId: 'org-hooky' }), other.next('itsm.incident.work-started.v1', { state: 'in_progress' }));

    const queues = booted.app.get(WebhookQueueStore);
    await expectEventually(async () => expect((await queues.forTicket('inc-wh-2'))[0]?.deadLetter).toMatchObject({ eventId: `${started.id}:hooky`, sequence: 2, status: 400, reason: 'HTTP 400: unknown severity' }));
    await expectEventually(() => expect(kinds(receiver.accepted('inc-wh-3'))).toEqual(['created', 'status-changed']));
    expect((await queues.forTicket('inc-wh-2'))[0]).toMatchObject({ queued: 2, delivered: 1 });

    // Later events of the held ticket stay queued, unsent, while the other ticket's next one goes out after them.
    await publish(held.note('comment', 'Still held'));
    await expectEventually(async () => expect((await queues.forTicket('inc-wh-2'))[0]?.queued).toBe(3));
    await publish(other.note('comment', 'Sent after the held note was queued'));
    await expectEventually(() => expect(kinds(receiver.accepted('inc-wh-3'))).toEqual(['created', 'status-changed', 'note-added']));
    expect(receiver.received.filter((r) => r.event.subject === 'inc-wh-2').map((r) => [r.event.sequence, r.status])).toEqual([
      [1, 200],
      [2, 400],
    ]);

    // The supplier fixed its side: an admin releases the queue; the held event goes first, then the later ones, in order.
    const RELEASE = 'mutation R($t: ID!, $s: ID!) { releaseSupplierWebhookQueue(ticketId: $t, supplierId: $s) { queued delivered deadLetter { eventId } } }';
    const released = await admin(RELEASE, { t: 'inc-wh-2', s: 'hooky' });
    expect(released.errors).toBeUndefined();
    await expectEventually(async () => expect((await queues.forTicket('inc-wh-2'))[0]).toMatchObject({ queued: 0, delivered: 4, deadLetter: null }));
    expect(receiver.received.filter((r) => r.event.subject === 'inc-wh-2').map((r) => [r.event.sequence, r.status])).toEqual([
      [1, 200],
      [2, 400],
      [2, 200],
      [3, 200],
      [4, 200],
    ]);
    expect((await admin(RELEASE, { t: 'inc-wh-2', s: 'hooky' })).errors?.[0]?.extensions?.['code']).toBe(SupplierExchangeErrorCode.NotHeld);
  });

  it('rotates the signing keys through GraphQL: the issued key verifies, both sign until the old one is retired; keys are shown by id and public half only', async () => {
    const KEY = 'id kind verifyingKey';
    const CONNECTION = `supplierId version outbound { channel signingKeyCount signingKeys { ${KEY} } } inboundKeys { ${KEY} }`;
    const ROTATE = `mutation Rot($s: ID!, $k: SupplierSigningKeyKind) { rotateSupplierSigningKey(supplierId: $s, keyKind: $k) { connection { ${CONNECTION} } issuedKey { ${KEY} } } }`;
    const RETIRE = `mutation Ret($s: ID!, $id: ID!) { retireSupplierSigningKey(supplierId: $s, keyId: $id) { ${CONNECTION} } }`;
    type KeyAnswer = { id: string; kind: string; verifyingKey: string | null };
    type ConnectionAnswer = { version: number; outbound: { signingKeyCount: number; signingKeys: KeyAnswer[] }; inboundKeys: KeyAnswer[] };
    const oldId = keyId(SUPPLIER_KEYS.acme.privateKey);

    const rotated = await admin(ROTATE, { s: 'hooky' });
    expect(rotated.errors).toBeUndefined();
    const { connection: after, issuedKey } = rotated.data?.['rotateSupplierSigningKey'] as { connection: ConnectionAnswer; issuedKey: KeyAnswer };
    expect(issuedKey).toMatchObject({ kind: 'ed25519', verifyingKey: expect.stringMatching(/^whpk_/) });
    expect(after.outbound.signingKeys).toEqual([{ id: oldId, kind: 'ed25519', verifyingKey: SUPPLIER_KEYS.acme.publicKey }, issuedKey]);
    expect(after.inboundKeys).toEqual([{ id: keyId(SUPPLIER_KEYS.acme.publicKey), kind: 'ed25519', verifyingKey: SUPPLIER_KEYS.acme.publicKey }]);
    expect(JSON.stringify(rotated.data)).not.toContain('whsk_');
    // A third key is refused while two sign.
    expect((await admin(ROTATE, { s: 'hooky' })).errors?.[0]?.extensions).toMatchObject({ code: SupplierExchangeErrorCode.InvalidConnection, details: { field: 'outbound.signingKeys' } });

    // The supplier switches to the new key: verified, since both sign.
    receiver.keys = [issuedKey.verifyingKey ?? ''];
    const s = new IncidentStream('inc-wh-4');
    await publish(s.opened({ assignmentGroupId: 'grp-hooky', assignedOrgId: 'org-hooky' }));
    await expectEventually(() => expect(kinds(receiver.accepted('inc-wh-4'))).toEqual(['created']));

    const retired = await admin(RETIRE, { s: 'hooky', id: oldId });
    expect(retired.errors).toBeUndefined();
    expect((retired.data?.['retireSupplierSigningKey'] as ConnectionAnswer).outbound.signingKeys).toEqual([issuedKey]);
    expect((await admin(RETIRE, { s: 'hooky', id: issuedKey.id })).errors?.[0]?.extensions).toMatchObject({ code: SupplierExchangeErrorCode.InvalidConnection, details: { field: 'keyId' } });
    // Now signed by the new key only: a receiver still on the old key refuses it.
    receiver.keys = [SUPPLIER_KEYS.acme.publicKey];
    await publish(s.next('itsm.incident.work-started.v1', { state: 'in_progress' }));
    // The 401 is the supplier's refusal for good: the queue is held until it is fixed and an admin releases it.
    const queues = booted.app.get(WebhookQueueStore);
    await expectEventually(async () => expect((await queues.forTicket('inc-wh-4'))[0]?.deadLetter).toMatchObject({ sequence: 2, status: 401 }));
    expect(receiver.received.filter((r) => r.event.subject === 'inc-wh-4' && r.event.sequence === 2).map((r) => r.verified)).toEqual([false]);
    receiver.keys = [issuedKey.verifyingKey ?? ''];
    expect((await admin('mutation R($t: ID!, $s: ID!) { releaseSupplierWebhookQueue(ticketId: $t, supplierId: $s) { queued } }', { t: 'inc-wh-4', s: 'hooky' })).errors).toBeUndefined();
    await expectEventually(() => expect(kinds(receiver.accepted('inc-wh-4'))).toEqual(['created', 'status-changed']));
  });

  it('saves a connection through GraphQL: a new webhook one is issued its key (an hmac secret shown once), an invalid one is refused naming the field, nothing saved', async () => {
    const SAVE = `mutation S($input: SupplierConnectionInput!, $v: Int, $k: SupplierSigningKeyKind) { saveSupplierConnection(input: $input, expectedVersion: $v, keyKind: $k) {
      connection { supplierId version stateMapping { outbound { state status } inbound { action transition } } outbound { channel url signingKeys { id kind verifyingKey } } }
      issuedKey { id kind verifyingKey } } }`;
    const mapping = {
      outbound: [['new', 'acknowledged'], ['in_progress', 'inProgress'], ['on_hold', 'pending'], ['resolved', 'resolved'], ['closed', 'closed'], ['canceled', 'cancelled']].map(([state, status]) => ({ state, status })),
      inbound: [['acknowledge', 'start-work'], ['reject', 'none'], ['update', 'none'], ['add-note', 'none'], ['resolve', 'resolve'], ['request-information', 'put-on-hold:awaiting_caller']].map(([action, transition]) => ({ action, transition })),
    };
    const input = {
      supplierId: 'hmacco', organisationId: 'org-hmacco', name: 'HMAC & Co', agentId: 'p-hmacco-agent', integratorName: 'Contoso IT', exposeCallerContact: false, exposeRelatedEntities: true,
      ticketKinds: ['incident'], stateMapping: mapping, inboundKeys: [SUPPLIER_KEYS.globex.publicKey], outbound: { channel: 'webhook', url: 'http://127.0.0.1:9/hooks' },
    };
    const created = await admin(SAVE, { input, k: 'hmac' });
    expect(created.errors).toBeUndefined();
    const saved = created.data?.['saveSupplierConnection'] as { connection: { version: number; stateMapping: typeof mapping; outbound: { signingKeys: { verifyingKey: string | null }[] } }; issuedKey: { kind: string; verifyingKey: string } };
    expect(saved.issuedKey).toMatchObject({ kind: 'hmac', verifyingKey: expect.stringMatching(/^whsec_/) });
    expect(saved.connection.outbound.signingKeys).toEqual([{ id: keyId(saved.issuedKey.verifyingKey), kind: 'hmac', verifyingKey: null }]);
    expect(saved.connection.stateMapping).toEqual(mapping);

    // Saved again (a new name): the webhook keeps its key, none is issued.
    const renamed = await admin(SAVE, { input: { ...input, name: 'HMAC and Co' }, v: 1 });
    expect(renamed.data?.['saveSupplierConnection']).toMatchObject({ connection: { version: 2, outbound: { signingKeys: [{ id: keyId(saved.issuedKey.verifyingKey) }] } }, issuedKey: null });

    const refusal = async (changed: Record<string, unknown>) => (await admin(SAVE, { input: { ...input, ...changed }, v: 2 })).errors?.[0]?.extensions;
    expect(await refusal({ outbound: { channel: 'webhook', url: 'ftp://hooks.example/x' } })).toMatchObject({ code: SupplierExchangeErrorCode.InvalidConnection, details: { field: 'outbound.url' } });
    expect(await refusal({ inboundKeys: ['whsk_nope'] })).toMatchObject({ code: SupplierExchangeErrorCode.InvalidConnection, details: { field: 'inboundKeys.0' } });
    expect(await refusal({ stateMapping: { ...mapping, outbound: [...mapping.outbound, { state: 'new', status: 'pending' }] } })).toMatchObject({ code: SupplierExchangeErrorCode.InvalidMapping, details: { field: 'outbound.new' } });
    expect(await refusal({ stateMapping: { ...mapping, inbound: mapping.inbound.map((m) => (m.action === 'resolve' ? { ...m, transition: 'close' } : m)) } })).toMatchObject({ code: SupplierExchangeErrorCode.InvalidMapping, details: { field: 'inbound.resolve' } });
    expect((await admin(SAVE, { input, v: 1 })).errors?.[0]?.extensions?.['code']).toBe(SupplierExchangeErrorCode.Conflict);
    expect((await booted.app.get(SupplierConnections).get('hmacco'))?.connection).toMatchObject({ name: 'HMAC and Co' });
  });
});
