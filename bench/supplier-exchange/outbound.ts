/**
 * The outbound half: a stream of incident changes published on `itsm.incident.v1` at the target rate
 * (open loop), T tickets assigned round-robin to the suppliers (each ticket's first change is its
 * opening, assigned to the supplier's group and organisation; the others are comments), relayed by the
 * exchange to each supplier's channel: its `itsm.supplier.<id>.out.v1` topic (read by a group of the
 * bench's) or signed webhooks to the bench's receiver. Nothing else consumes the incident stream here
 * (the incident context is not running in this half), so the changes need not exist as incidents.
 */
import { createEnvelope, incidentTopic } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchSupplier, World } from './bench-world';
import { DESK } from './bench-world';
import type { OutboundLedger } from './outbound-ledger';

export interface OutboundPlan {
  readonly tickets: number;
  readonly rate: number;
  readonly seconds: number;
  readonly drainSeconds: number;
}

export interface StreamFigures {
  readonly published: number;
  /** The rate the bench actually published at (below the target when the process is saturated). */
  readonly offeredPerS: number;
  readonly streamMs: number;
  readonly drainMs: number;
  readonly startedAt: number;
}

/** The `count`-th change of ticket `k` (0 = its opening), as the incident context would publish it. */
function change(run: string, k: number, count: number, supplier: BenchSupplier): EventEnvelope {
  const ticketId = `sxb-${run}-${k}`;
  const at = new Date();
  const base = { source: '/itsm/incident', subject: ticketId, time: at, sequence: count + 1, correlationid: `corr-${ticketId}`, id: `evt-${ticketId}-${count + 1}` };
  if (count === 0) {
    return createEnvelope({
      ...base,
      type: 'itsm.incident.opened.v1',
      data: {
        number: `INC${String(k + 1).padStart(7, '0')}`,
        title: `Bench ticket ${k}`,
        description: 'Opened by bench-supplier-exchange',
        callerId: DESK.person,
        callerOrgId: DESK.org,
        impact: 2,
        urgency: 2,
        priority: 2,
        category: null,
        serviceId: null,
        configurationItemIds: [],
        assignmentGroupId: supplier.group,
        assignedOrgId: supplier.org,
        assigneeId: null,
        state: 'new',
        by: DESK.user,
        at: at.toISOString(),
      },
    });
  }
  return createEnvelope({
    ...base,
    type: 'itsm.incident.note-added.v1',
    data: { noteId: `note-${ticketId}-${count}`, kind: 'comment', body: `Bench comment ${count} on ticket ${k}`, state: 'new', by: DESK.user, at: at.toISOString() },
  });
}

export async function runOutbound(world: World, suppliers: readonly BenchSupplier[], ledger: OutboundLedger, plan: OutboundPlan): Promise<StreamFigures> {
  const run = randomUUID().slice(0, 8);
  const kafkaTopics = suppliers.filter((s) => s.channel.kind === 'kafka').map((s) => `itsm.supplier.${s.id}.out.v1`);
  if (kafkaTopics.length > 0) {
    await world.probe('bench-supplier-readers', kafkaTopics, async ({ envelope }) => {
      ledger.arrive(envelope.id, envelope.sequence ?? -1, 'kafka');
      return Promise.resolve();
    });
  }
  const total = Math.max(1, Math.round(plan.rate * plan.seconds));
  const counts = new Array<number>(plan.tickets).fill(0);
  const startedAt = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - startedAt) / 1000) * plan.rate) + 1);
    if (due <= sent) {
      await sleep(2);
      continue;
    }
    const batch: EventEnvelope[] = [];
    const now = performance.now();
    for (let i = sent; i < due; i++) {
      const k = i % plan.tickets;
      const supplier = suppliers[k % suppliers.length]!;
      const event = change(run, k, counts[k]!, supplier);
      counts[k]! += 1;
      // The exchange numbers each (ticket, supplier) stream from 1: the opening is 1, each comment the next.
      ledger.expect(`${event.id}:${supplier.id}`, `${supplier.id}/${event.subject ?? ''}`, counts[k]!, now);
      batch.push(event);
    }
    await world.bus.publishEnvelopes(incidentTopic.name, batch);
    sent = due;
  }
  const streamMs = performance.now() - startedAt;
  const drainStarted = performance.now();
  const drainDeadline = drainStarted + plan.drainSeconds * 1000;
  let lastReport = drainStarted;
  while (!ledger.complete && performance.now() < drainDeadline) {
    await sleep(20);
    if (performance.now() - lastReport > 5_000) {
      lastReport = performance.now();
      console.log(`  draining: ${ledger.deliveredCount} of ${sent} delivered, ${Math.round((lastReport - drainStarted) / 1000)} s after the stream ended`);
    }
  }
  return { published: sent, offeredPerS: Math.round((sent / streamMs) * 1000), streamMs, drainMs: performance.now() - drainStarted, startedAt };
}
