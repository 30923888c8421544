/**
 * The load of bench:notification: distinct incidents, each opened then assigned to one of the
 * bench's groups in turn, produced to `itsm.incident.v1` with kafkajs as the incident context's
 * relay does (contracts' `encodeEnvelope`, keyed by the incident), at a fixed rate of assigned
 * events per second in ticks of 100 ms (a late tick catches up). `onTick` lets the bench act
 * mid-stream (the SIGKILL run).
 */
import { encodeEnvelope, incidentTopic } from '@itsm/contracts';
import { IncidentFeed } from '@itsm/testing';
import type { Producer } from 'kafkajs';
import type { BenchGroup } from './bench-setup';
import type { DeliveryLedger } from './delivery-ledger';

const TICK_MS = 100;

export interface LoadFigures {
  readonly events: number;
  /** From the first produce to the last acknowledgement. */
  readonly seconds: number;
  /** Assigned events per second achieved by the producer. */
  readonly eventsPerS: number;
  /** How far the producer ever fell behind the schedule (ms). */
  readonly maxBehindMs: number;
}

export interface LoadPlan {
  readonly label: string;
  readonly rate: number;
  readonly seconds: number;
  readonly groups: readonly BenchGroup[];
  readonly onTick?: (elapsedMs: number) => Promise<void>;
}

export async function produceIncidents(producer: Producer, ledger: DeliveryLedger, plan: LoadPlan): Promise<LoadFigures> {
  const feed = new IncidentFeed('/itsm/incident', 'u-bench-relay');
  const total = Math.round(plan.rate * plan.seconds);
  const started = performance.now();
  let sent = 0;
  let maxBehindMs = 0;
  while (sent < total) {
    const elapsed = performance.now() - started;
    const due = Math.min(total, Math.floor(((elapsed + TICK_MS) / 1000) * plan.rate));
    const messages = [];
    const at = performance.now();
    for (; sent < due; sent += 1) {
      const incidentId = `${plan.label}-${sent}`;
      const group = plan.groups[sent % plan.groups.length];
      if (group === undefined) throw new Error('bench:notification needs at least one group');
      messages.push(encodeEnvelope(feed.opened(incidentId, 2)), encodeEnvelope(feed.assigned(incidentId, group.groupId)));
      ledger.produce(incidentId, at, group.members);
    }
    if (messages.length > 0) await producer.send({ topic: incidentTopic.name, acks: -1, messages });
    await plan.onTick?.(performance.now() - started);
    // The next event is due then: sleep until then, or note how late the producer is.
    const next = (sent / plan.rate) * 1000 - (performance.now() - started);
    maxBehindMs = Math.max(maxBehindMs, -next);
    if (next > 0) await new Promise((resolve) => setTimeout(resolve, next));
  }
  const seconds = (performance.now() - started) / 1000;
  return { events: total, seconds, eventsPerS: total / seconds, maxBehindMs };
}
