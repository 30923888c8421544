import { createEnvelope, decodeEnvelope, DLQ_HEADERS, directoryTopic, encodeEnvelope } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { issueDevToken } from '@itsm/platform/auth';
import { freePort } from '@itsm/platform/persistence';
import { parseSigningKey, signRecord } from '@itsm/platform/webhooks';
import { DirectoryFeed, expectEventually, testPeers } from '@itsm/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { Consumer, KafkaMessage, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppProcess } from './test-fixtures/app-process';
import { peerServiceEnv, startApp, waitUntilReady } from './test-fixtures/app-process';

/** The demo's suppliers (SUPPLIER_EXCHANGE_SEED_DEMO_DATA): A = Northwind Networks, B = Tailspin Hosting, both on Kafka. */
const A = { id: 'northwind', org: 'northwind-networks', group: 'grp-northwind', agent: 'u-supplier-agent', privateKey: 'whsk_bHBbll80cyCLcEhVaeU3UrkC+76FHolv6eJgb9PGP/I=' } as const;
const B = { id: 'tailspin', org: 'tailspin-hosting', group: 'grp-tailspin', agent: 'u-tom' } as const;
const A_OUT = `itsm.supplier.${A.id}.out.v1`;
const A_IN = `itsm.supplier.${A.id}.in.v1`;
const B_OUT = `itsm.supplier.${B.id}.out.v1`;
const EXCHANGE = 'itsm.supplier-exchange.v1';
const BOOT_MS = 90_000;

interface Answer<T> {
  data?: T | null;
  errors?: { message: string }[];
}
interface IncidentView {
  id: string;
  state: string;
  assignedOrgId: string | null;
  resolution: { by: string; notes: string } | null;
  notes: { kind: string; body: string; authorId: string }[];
}
interface TroubleTicketEvent extends EventEnvelope {
  data: { sequence: number; event: { troubleTicket: { status?: string; note: { text: string }[]; relatedParty: { contactMedium?: { mediumType: string; value: string; masked?: boolean }[] }[] } } };
}

/**
 * The supplier exchange end to end on the built services: the incident and supplier-exchange services
 * as separate OS processes on the Kafka and MongoDB peers, the directory fed as its events, supplier A
 * played by a Kafka producer of signed records on its inbound topic and a reader of its outbound topic.
 * What the in-process specs already prove (each refusal's reason, redelivery x5, webhooks) is not repeated:
 * this spec proves the processes wired together, and the exchange SIGKILLed mid-stream in both directions.
 */
describe('supplier exchange end to end: incident + supplier-exchange services, supplier A on Kafka, SIGKILL mid-stream', () => {
  const peers = testPeers();
  const keyDir = mkdtempSync(join(tmpdir(), 'itsm-sx-e2e-'));
  const auth = { AUTH_DEV_KEY_FILE: join(keyDir, 'key.json'), AUTH_ISSUER: 'itsm-sx-e2e', AUTH_AUDIENCE: 'itsm-sx-e2e-api' };
  const kafka = new Kafka({ clientId: 'e2e-supplier-a', brokers: peers.kafkaBrokers, logLevel: logLevel.NOTHING });
  const readers: Consumer[] = [];
  let producer: Producer;
  let incident: AppProcess;
  let supplier: AppProcess;
  let supplierEnv: Record<string, string>;
  let supplierReady: string;
  let incidentUrl: string;
  let counter = 0;

  const token = (sub: string) => issueDevToken(auth.AUTH_DEV_KEY_FILE, { sub, name: sub, roles: ['agent'] }, { issuer: auth.AUTH_ISSUER, audience: auth.AUTH_AUDIENCE });
  async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(incidentUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await token('u-desk')}` }, body: JSON.stringify({ query, variables }) });
    const answer = (await response.json()) as Answer<T>;
    if (answer.errors !== undefined || answer.data == null) throw new Error(`GraphQL errors: ${JSON.stringify(answer.errors)}`);
    return answer.data;
  }
  const VIEW = '{ id state assignedOrgId resolution { by notes } notes { kind body authorId } }';
  const mutate = (field: string, type: string, input: unknown) => graphql<Record<string, IncidentView>>(`mutation($i: ${type}!) { ${field}(${type === 'ID' ? 'id' : 'input'}: $i) ${VIEW} }`, { i: input }).then((d) => d[field]!);
  const read = (id: string) => graphql<{ incident: IncidentView }>(`query($id: ID!) { incident(id: $id) ${VIEW} }`, { id }).then((d) => d.incident);

  /** Reads a topic from its beginning in a group of its own, keeping every event in arrival order. */
  const readTopic = (topic: string): Promise<EventEnvelope[]> => readRecords(topic, (message) => decodeEnvelope({ key: message.key, value: message.value, headers: message.headers }));
  /** A dead-letter topic's records: the id of the event refused and why. */
  const readDeadLetters = (topic: string) =>
    readRecords(topic, (message) => ({ id: String(message.headers?.['ce_id'] ?? ''), code: String(message.headers?.[DLQ_HEADERS.code] ?? ''), reason: String(message.headers?.[DLQ_HEADERS.reason] ?? '') }));
  async function readRecords<T>(topic: string, map: (message: KafkaMessage) => T): Promise<T[]> {
    const seen: T[] = [];
    const reader = kafka.consumer({ groupId: `e2e-sx-reader-${randomUUID()}`, sessionTimeout: 6_000, rebalanceTimeout: 4_000, heartbeatInterval: 500, maxWaitTimeInMs: 50 });
    readers.push(reader);
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void seen.push(map(message)) });
    return seen;
  }

  /** A's message about ticket `ticketId`, signed with A's key now, as A's system sends it. */
  function signedByA(type: string, data: Record<string, unknown>): { id: string; record: { key: string | Buffer | null; value: string | Buffer | null; headers: Record<string, string> } } {
    counter += 1;
    const event = createEnvelope({ id: `nw-msg-${randomUUID()}`, source: 'https://northwind.example/ticketing', type, subject: String(data['ticketId']), time: new Date(), data, sequence: counter, correlationid: `nw-corr-${counter}` }) as EventEnvelope;
    const signed = signRecord([parseSigningKey(A.privateKey)], encodeEnvelope(event), Math.floor(Date.now() / 1000));
    return { id: event.id, record: { key: signed.key, value: signed.value, headers: signed.headers as Record<string, string> } };
  }
  const sendAsA = (...records: ReturnType<typeof signedByA>[]) => producer.send({ topic: A_IN, acks: -1, messages: records.map((r) => r.record) });

  const startSupplier = async () => {
    supplier = startApp('apps/supplier/src/main.js', supplierEnv);
    await waitUntilReady(supplierReady, supplier, BOOT_MS);
  };

  beforeAll(async () => {
    const dbPrefix = `sxe2e${randomUUID().slice(0, 8)}`;
    const [incidentPort, supplierPort] = [await freePort(), await freePort()];
    producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    // The directory as its events: the service desk, the caller (an email to mask), each supplier's organisation, group and agent.
    const feed = new DirectoryFeed();
    const directory = [
      feed.organisation({ organisationId: 'contoso', name: 'Contoso', kind: 'internal' }),
      feed.person({ personId: 'p-desk', userName: 'u-desk', organisationId: 'contoso' }),
      feed.person({ personId: 'p-caller', userName: 'jane.doe', displayName: 'Jane Doe', organisationId: 'contoso', emails: [{ value: 'jane.doe@contoso.com', type: 'work', primary: true }] }),
      feed.group({ groupId: 'service-desk', name: 'Service Desk', organisationId: 'contoso' }),
      feed.membersAdded('service-desk', ['p-desk']),
      ...[A, B].flatMap((s) => [
        feed.organisation({ organisationId: s.org, name: s.org, kind: 'supplier' }),
        feed.person({ personId: s.agent, userName: s.agent, organisationId: s.org }),
        feed.group({ groupId: s.group, name: s.group, organisationId: s.org }),
        feed.membersAdded(s.group, [s.agent]),
      ]),
    ].map(encodeEnvelope);
    await producer.send({ topic: directoryTopic.name, acks: -1, messages: directory.map((m) => ({ key: m.key, value: m.value, headers: m.headers as Record<string, string> })) });
    // A's inbound topic exists before the exchange subscribes to it.
    await producer.send({ topic: A_IN, acks: -1, messages: [] });

    incident = startApp('apps/incident/src/main.js', { ...auth, ...peerServiceEnv(peers, { port: incidentPort, clientId: 'e2e-sx-incident', dbPrefix }) });
    supplierEnv = { ...auth, ...peerServiceEnv(peers, { port: supplierPort, clientId: 'e2e-sx-supplier', dbPrefix }), SUPPLIER_EXCHANGE_SEED_DEMO_DATA: 'true' };
    supplierReady = `http://127.0.0.1:${supplierPort}/health/ready`;
    incidentUrl = `http://127.0.0.1:${incidentPort}/graphql`;
    await Promise.all([waitUntilReady(`http://127.0.0.1:${incidentPort}/health/ready`, incident, BOOT_MS), startSupplier()]);
  }, 2 * BOOT_MS);

  afterAll(async () => {
    await Promise.all(readers.map((reader) => reader.disconnect()));
    await producer?.disconnect();
    await Promise.all([incident?.stop(), supplier?.stop()]);
    rmSync(keyDir, { recursive: true, force: true });
  });

  const output = () =>
    `\n--- ${EXCHANGE}: ticket#sequence in arrival order ---\n${(exchange ?? []).map((e) => `${e.subject ?? ''}#${e.sequence ?? ''}`).join(' ')}` +
    `\n--- dead letters of ${EXCHANGE} ---\n${JSON.stringify(deadLetters ?? [])}\n--- incident ---\n${incident.output().slice(-3000)}\n--- supplier ---\n${supplier.output().slice(-3000)}`;
  const failWithOutput = async (run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      throw new Error(`${(error as Error).message}${output()}`);
    }
  };
  const kinds = (events: readonly EventEnvelope[]) => events.map((e) => e.type.replace('itsm.supplier.trouble-ticket-', '').replace('.v1', ''));
  let ticketId: string;
  let aOut: EventEnvelope[];
  let bOut: EventEnvelope[];
  let exchange: EventEnvelope[];
  let deadLetters: { id: string; code: string; reason: string }[];

  it("sends A create, status and note events in order (work notes absent, the caller's email masked), B nothing; A's signed ack and resolve move the incident as A's agent, the resolve not echoed", () =>
    failWithOutput(async () => {
      [aOut, bOut, exchange, deadLetters] = await Promise.all([readTopic(A_OUT), readTopic(B_OUT), readTopic(EXCHANGE), readDeadLetters(`${EXCHANGE}.dlq`)]);
      // The directory reached the incident service: the supplier's group is assignable.
      const opened = await expectEventually(
        () => mutate('openIncident', 'OpenIncidentInput', { title: 'MPLS link down at site B', impact: 2, urgency: 1, callerId: 'p-caller', assignmentGroupId: 'service-desk', assigneeId: 'u-desk' }),
        { timeoutMs: 30_000, intervalMs: 250 },
      );
      ticketId = opened.id;
      await expectEventually(() => mutate('assignIncident', 'AssignIncidentInput', { id: ticketId, groupId: A.group }), { timeoutMs: 30_000, intervalMs: 250 });
      await mutate('holdIncident', 'HoldIncidentInput', { id: ticketId, reason: 'awaiting_vendor' });
      await mutate('resumeIncident', 'ID', ticketId);
      await mutate('addIncidentNote', 'AddNoteInput', { id: ticketId, kind: 'work_note', body: 'internal: caller is a VIP' });
      await mutate('addIncidentNote', 'AddNoteInput', { id: ticketId, kind: 'comment', body: 'Please check the router' });
      const mine = () => aOut.filter((e) => e.subject === ticketId) as TroubleTicketEvent[];
      await expectEventually(() => expect(kinds(mine())).toEqual(['created', 'status-changed', 'status-changed', 'note-added']), { timeoutMs: 30_000, intervalMs: 200 });
      expect(mine().map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
      expect(mine().map((e) => e.data.sequence)).toEqual([1, 2, 3, 4]);
      expect(JSON.stringify(mine())).not.toContain('VIP');
      expect(JSON.stringify(mine())).not.toContain('jane.doe@contoso.com');
      const last = mine()[3]!.data.event.troubleTicket;
      expect(last.relatedParty.flatMap((p) => p.contactMedium ?? [])).toContainEqual({ mediumType: 'email', value: 'j***@contoso.com', masked: true });
      expect(last.note.map((n) => n.text)).toEqual(['Please check the router']);

      // A acknowledges, then resolves, through signed records on its inbound topic.
      const ack = signedByA('itsm.supplier.trouble-ticket-acknowledged.v1', { ticketId, externalIdentifier: 'NW-4711' });
      const resolve = signedByA('itsm.supplier.trouble-ticket-resolved.v1', { ticketId, resolution: 'Replaced the line card' });
      await sendAsA(ack, resolve);
      const moved = await expectEventually(
        async () => {
          const view = await read(ticketId);
          expect(view.state).toBe('resolved');
          return view;
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );
      expect(moved.resolution).toMatchObject({ by: A.agent, notes: 'Replaced the line card' });
      expect(exchange.filter((e) => e.subject === ticketId).map((e) => (e.data as { inboundMessageId: string }).inboundMessageId)).toEqual([ack.id, resolve.id]);
      // Not echoed: a later comment of ours reaches A as the next event; no status change came from the resolve.
      await mutate('addIncidentNote', 'AddNoteInput', { id: ticketId, kind: 'comment', body: 'Thanks, confirming with the caller' });
      await expectEventually(() => expect(kinds(mine())).toEqual(['created', 'status-changed', 'status-changed', 'note-added', 'note-added']), { timeoutMs: 30_000, intervalMs: 200 });
      expect(bOut.filter((e) => e.subject === ticketId)).toEqual([]);
    }));

  it('SIGKILLed mid-stream and restarted: every inbound update applied exactly once, every outbound event delivered with stable ids and no gap in sequence', () =>
    failWithOutput(async () => {
      const opened = await mutate('openIncident', 'OpenIncidentInput', { title: 'Core switch flapping', impact: 2, urgency: 2, callerId: 'p-caller', assignmentGroupId: A.group });
      const id = opened.id;
      const outbound = () => aOut.filter((e) => e.subject === id);
      await expectEventually(() => expect(kinds(outbound())).toEqual(['created']), { timeoutMs: 30_000, intervalMs: 200 });
      const ack = signedByA('itsm.supplier.trouble-ticket-acknowledged.v1', { ticketId: id, externalIdentifier: 'NW-5000' });
      await sendAsA(ack);
      await expectEventually(async () => expect((await read(id)).state).toBe('in_progress'), { timeoutMs: 30_000, intervalMs: 200 });

      // A's burst of signed notes and our comments flowing out, with the exchange SIGKILLed in the middle of both.
      const burst = Array.from({ length: 30 }, (_, i) => signedByA('itsm.supplier.trouble-ticket-note-added.v1', { ticketId: id, noteId: `nw-note-${i}`, text: `supplier note ${i}`, author: 'Nora' }));
      const comments = Array.from({ length: 10 }, (_, i) => `desk comment ${i}`);
      // Interleaved, paced: three notes of A's and one comment of ours every ~150 ms, so both directions are still flowing at the SIGKILL.
      let sent = 0;
      const flowing = (async () => {
        for (let i = 0; i < comments.length; i += 1, sent += 1) {
          await sendAsA(...burst.slice(3 * i, 3 * i + 3));
          await mutate('addIncidentNote', 'AddNoteInput', { id, kind: 'comment', body: comments[i] });
          await new Promise((resolve) => setTimeout(resolve, 150));
        }
      })();
      // Killed once some of each direction went through (created + two comments out, the ack + five notes in).
      await expectEventually(
        () => {
          expect(exchange.filter((e) => e.subject === id).length).toBeGreaterThan(5);
          expect(outbound().length).toBeGreaterThan(2);
        },
        { timeoutMs: 20_000, intervalMs: 10 },
      );
      expect(await supplier.kill()).toBe('SIGKILL');
      process.stdout.write(`supplier exchange SIGKILLed after ${exchange.filter((e) => e.subject === id).length} update-received and ${outbound().length} outbound records, ${sent} of ${comments.length} rounds sent\n`);
      await flowing;
      await startSupplier();

      // Inbound: each message passed on (its update-received id stable) and applied to the incident once.
      const inboundIds = [ack.id, ...burst.map((b) => b.id)];
      const received = () => exchange.filter((e) => e.subject === id);
      await expectEventually(() => expect(new Set(received().map((e) => (e.data as { inboundMessageId: string }).inboundMessageId))).toEqual(new Set(inboundIds)), { timeoutMs: 40_000, intervalMs: 250 });
      const byMessage = new Map<string, Set<string>>();
      for (const e of received()) byMessage.set((e.data as { inboundMessageId: string }).inboundMessageId, (byMessage.get((e.data as { inboundMessageId: string }).inboundMessageId) ?? new Set()).add(e.id));
      expect([...byMessage.values()].map((ids) => ids.size)).toEqual(inboundIds.map(() => 1));
      const view = await expectEventually(
        async () => {
          const current = await read(id);
          expect(current.notes.filter((n) => n.authorId === A.agent)).toHaveLength(burst.length);
          return current;
        },
        { timeoutMs: 20_000, intervalMs: 250 },
      );
      expect(view.notes.filter((n) => n.authorId === A.agent).map((n) => n.body).sort()).toEqual(burst.map((_, i) => `Nora: supplier note ${i}`).sort());

      // Outbound: at least once, a duplicate only as the same id with the same sequence, no gap, every comment sent, none of A's notes echoed.
      await expectEventually(
        () => {
          const texts = new Set(outbound().flatMap((e) => (e as TroubleTicketEvent).data.event.troubleTicket.note.map((n) => n.text)));
          for (const body of comments) expect(texts).toContain(body);
        },
        { timeoutMs: 40_000, intervalMs: 250 },
      );
      const sequenceOf = new Map<string, number | undefined>();
      for (const e of outbound()) {
        if (sequenceOf.has(e.id)) expect(e.sequence).toBe(sequenceOf.get(e.id));
        sequenceOf.set(e.id, e.sequence);
      }
      const sequences = [...sequenceOf.values()].sort((x, y) => (x ?? 0) - (y ?? 0));
      expect(sequences).toEqual(sequences.map((_, i) => i + 1));
      expect(new Set(outbound().map((e) => e.type))).not.toContain('itsm.supplier.trouble-ticket-resolved.v1');
      expect(bOut.filter((e) => e.subject === id)).toEqual([]);
      process.stdout.write(`supplier exchange e2e: ${outbound().length} outbound records (${sequenceOf.size} distinct), ${received().length} update-received records (${inboundIds.length} messages)\n`);
    }));
});
