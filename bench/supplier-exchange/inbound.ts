/**
 * The inbound half, on a world running the exchange AND the incident context: real incidents opened
 * through the incident subgraph and assigned to the suppliers' groups (the exchange correlates them
 * from the incident stream), then
 * - signed: each supplier's note messages (CloudEvents signed per Standard Webhooks with its Ed25519
 *   key) on its `itsm.supplier.<id>.in.v1`, run by the exchange's SupplierInboundPipeline (signature,
 *   schema, replay receipts, decideInbound, one update of the correlation record with the
 *   update-received event in its outbox) and applied by the incident context's supplier-updates
 *   consumer (the note on the incident, its note-added event). Counted per message id twice: its
 *   update-received event (exchange) and the incident's note-added event carrying its text (applied).
 * - baseline: the same number of notes UNSIGNED through the incident subgraph's `addIncidentNote`, as
 *   each supplier's agent (role supplier-agent, its organisation), closed loop, every answer checked.
 */
import { createEnvelope, encodeEnvelope, incidentTopic, supplierExchangeTopic } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { latency } from '@itsm/bench-cmdb';
import type { Latency } from '@itsm/bench-cmdb';
import type { Role } from '@itsm/platform/auth';
import type { RawOutgoingRecord } from '@itsm/platform/messaging';
import { parseSigningKey, signRecord } from '@itsm/platform/webhooks';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchSupplier, World } from './bench-world';
import { DESK } from './bench-world';

export type TokenFor = (sub: string, roles: readonly Role[], org?: string) => Promise<string>;

export interface InboundPlan {
  readonly tickets: number;
  readonly updates: number;
  readonly clients: number;
  readonly drainSeconds: number;
}

export interface InboundFigures {
  readonly updates: number;
  readonly exchangeApplied: number;
  readonly incidentApplied: number;
  readonly exchangeVerifiedPerS: number;
  readonly inboundAppliedPerS: number;
  readonly inboundSendToApplied: Latency;
  readonly graphqlApplied: number;
  readonly graphqlFailures: number;
  readonly graphqlAppliedPerS: number;
  readonly graphqlLatency: Latency;
  readonly failureSamples: readonly string[];
}

interface GraphqlAnswer {
  data?: Record<string, { id?: unknown } | null> | null;
  errors?: { message?: string; extensions?: { code?: string } }[];
}

async function graphql(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<GraphqlAnswer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const answer = (await response.json()) as GraphqlAnswer;
  if (response.status !== 200 && answer.errors === undefined) return { errors: [{ message: `HTTP ${response.status}` }] };
  return answer;
}

const OPEN = 'mutation($i: OpenIncidentInput!) { openIncident(input: $i) { id } }';
const NOTE = 'mutation($i: AddNoteInput!) { addIncidentNote(input: $i) { id } }';
const INBOUND_MARK = 'sx-bench inbound ';

/** Opens `count` incidents assigned to the suppliers' groups round-robin (the first ones retried until the directory reached the incident context). */
async function openTickets(url: string, token: string, suppliers: readonly BenchSupplier[], count: number): Promise<string[]> {
  const ids: string[] = [];
  const deadline = Date.now() + 60_000;
  for (let k = 0; k < count; k++) {
    const supplier = suppliers[k % suppliers.length]!;
    for (;;) {
      const answer = await graphql(url, token, OPEN, { i: { title: `Inbound bench ticket ${k}`, impact: 2, urgency: 2, callerId: DESK.user, assignmentGroupId: supplier.group } });
      const id = answer.data?.['openIncident']?.id;
      if (typeof id === 'string') {
        ids.push(id);
        break;
      }
      if (Date.now() > deadline) throw new Error(`openIncident kept failing: ${JSON.stringify(answer.errors)}`);
      await sleep(200);
    }
  }
  return ids;
}

async function waitFor(what: string, timeoutMs: number, done: () => Promise<boolean> | boolean): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await done()) return true;
    await sleep(20);
  }
  console.log(`  ${what}: not reached within ${Math.round(timeoutMs / 1000)} s`);
  return false;
}

function signedNote(run: string, i: number, supplier: BenchSupplier, ticketId: string, sequence: number): { id: string; record: RawOutgoingRecord } {
  const id = `${supplier.id}-msg-${run}-${i}`;
  const event = createEnvelope({
    id,
    source: `https://${supplier.id}.example/ticketing`,
    type: 'itsm.supplier.trouble-ticket-note-added.v1',
    subject: ticketId,
    time: new Date(),
    data: { ticketId, noteId: `${supplier.id}-note-${run}-${i}`, text: `${INBOUND_MARK}${id}`, author: `Engineer of ${supplier.id}` },
    sequence,
    correlationid: `${supplier.id}-corr-${run}`,
  }) as EventEnvelope;
  const signed = signRecord([parseSigningKey(supplier.inbound.privateKey)], encodeEnvelope(event), Math.floor(Date.now() / 1000));
  return { id, record: { key: signed.key, value: signed.value, headers: signed.headers } };
}

export async function runInbound(world: World, suppliers: readonly BenchSupplier[], tokenFor: TokenFor, plan: InboundPlan): Promise<InboundFigures> {
  const incident = world.incident;
  if (incident === undefined) throw new Error('the inbound half needs the incident context');
  const run = randomUUID().slice(0, 8);
  const failures: string[] = [];
  const desk = await tokenFor(DESK.user, ['agent']);
  const tickets = await openTickets(incident.url, desk, suppliers, plan.tickets);
  const correlations = world.exchangeDb.collection('supplier_correlations');
  if (!(await waitFor('correlation records of the inbound tickets', 60_000, async () => (await correlations.countDocuments({ ticketId: { $in: tickets } })) >= tickets.length))) {
    failures.push('the exchange did not correlate every inbound ticket');
  }

  // Signed updates, built (and signed, as each supplier's system does) before the clock starts.
  const sequences = new Map<string, number>();
  const byTopic = new Map<string, RawOutgoingRecord[]>();
  const sentAt = new Map<string, number>();
  for (let i = 0; i < plan.updates; i++) {
    const k = i % tickets.length;
    const supplier = suppliers[k % suppliers.length]!;
    const sequence = (sequences.get(supplier.id) ?? 0) + 1;
    sequences.set(supplier.id, sequence);
    const { id, record } = signedNote(run, i, supplier, tickets[k]!, sequence);
    sentAt.set(id, 0);
    const topic = `itsm.supplier.${supplier.id}.in.v1`;
    const list = byTopic.get(topic) ?? [];
    list.push(record);
    byTopic.set(topic, list);
  }
  const exchangeApplied = new Set<string>();
  const incidentApplied = new Set<string>();
  const appliedLatency: number[] = [];
  await world.probe('bench-inbound-probe', [supplierExchangeTopic.name, incidentTopic.name], ({ envelope }) => {
    if (envelope.type === 'itsm.supplier-exchange.update-received.v1') {
      const messageId = (envelope.data as { inboundMessageId?: unknown }).inboundMessageId;
      if (typeof messageId === 'string' && sentAt.has(messageId)) exchangeApplied.add(messageId);
    } else if (envelope.type === 'itsm.incident.note-added.v1') {
      const body = (envelope.data as { body?: unknown }).body;
      // The incident's note is the supplier's text under its author's name (`authored`): find the mark in it.
      const mark = typeof body === 'string' ? body.indexOf(INBOUND_MARK) : -1;
      const messageId = typeof body === 'string' && mark >= 0 ? body.slice(mark + INBOUND_MARK.length).trim() : undefined;
      const sent = messageId === undefined ? undefined : sentAt.get(messageId);
      if (messageId !== undefined && sent !== undefined && !incidentApplied.has(messageId)) {
        incidentApplied.add(messageId);
        appliedLatency.push(performance.now() - sent);
      }
    }
    return Promise.resolve();
  });

  const started = performance.now();
  for (const [topic, records] of byTopic) {
    for (let at = 0; at < records.length; at += 100) {
      const chunk = records.slice(at, at + 100);
      const now = performance.now();
      for (const record of chunk) sentAt.set(String(record.headers['ce_id']), now);
      await world.bus.publishRaw(topic, chunk);
    }
  }
  let exchangeDone = 0;
  await waitFor('update-received events of every signed update', plan.drainSeconds * 1000, () => {
    if (exchangeApplied.size >= plan.updates && exchangeDone === 0) exchangeDone = performance.now();
    return exchangeApplied.size >= plan.updates;
  });
  await waitFor('every signed update applied by the incident context', plan.drainSeconds * 1000, () => incidentApplied.size >= plan.updates);
  const inboundMs = performance.now() - started;
  if (exchangeDone === 0) exchangeDone = performance.now();

  // Baseline: the same number of notes, unsigned, through the incident subgraph as the suppliers' agents.
  const tokens = new Map<string, string>();
  for (const s of suppliers) tokens.set(s.id, await tokenFor(s.agentUser, ['supplier-agent'], s.org));
  const graphqlLatency: number[] = [];
  let graphqlApplied = 0;
  let graphqlFailures = 0;
  let next = 0;
  const client = async (): Promise<void> => {
    while (next < plan.updates) {
      const i = next++;
      const k = i % tickets.length;
      const supplier = suppliers[k % suppliers.length]!;
      const sent = performance.now();
      try {
        const answer = await graphql(incident.url, tokens.get(supplier.id)!, NOTE, { i: { id: tickets[k], kind: 'comment', body: `sx-bench graphql ${run}-${i}` } });
        if (answer.data?.['addIncidentNote']?.id === tickets[k]) graphqlApplied++;
        else {
          graphqlFailures++;
          if (failures.length < 5) failures.push(`addIncidentNote: ${JSON.stringify(answer.errors ?? answer.data).slice(0, 200)}`);
        }
      } catch (error: unknown) {
        graphqlFailures++;
        if (failures.length < 5) failures.push(`addIncidentNote: ${String(error)}`);
      }
      graphqlLatency.push(performance.now() - sent);
    }
  };
  const graphqlStarted = performance.now();
  await Promise.all(Array.from({ length: Math.min(plan.clients, plan.updates) }, client));
  const graphqlMs = performance.now() - graphqlStarted;

  return {
    updates: plan.updates,
    exchangeApplied: exchangeApplied.size,
    incidentApplied: incidentApplied.size,
    exchangeVerifiedPerS: Math.round((exchangeApplied.size / (exchangeDone - started)) * 1000),
    inboundAppliedPerS: Math.round((incidentApplied.size / inboundMs) * 1000),
    inboundSendToApplied: latency(appliedLatency),
    graphqlApplied,
    graphqlFailures,
    graphqlAppliedPerS: Math.round((graphqlApplied / graphqlMs) * 1000),
    graphqlLatency: latency(graphqlLatency),
    failureSamples: failures,
  };
}
