/**
 * Figure 3's emission stream (breaches falling due at a steady rate) and its two baselines, each
 * claiming in the real SlaFiringRepository and publishing on the same bus as the engine:
 *  - a naive scheduler with one `setTimeout` per emission, each claiming and publishing on its own;
 *  - an Agenda-style poller that wakes every 5 s and claims/publishes what is due in batches.
 */
import type { EventEnvelope } from '@itsm/contracts';
import { claimKey } from '@itsm/platform/scheduling';
import type { DueEmission, SlaClock, SlaFiringRepository, SlaTimerService } from '@itsm/sla';
import { emissionEvent, incidentId, incidentNumber, partitionOf, ticketKeyOf } from './fixtures';

export type ArmRequest = Parameters<SlaTimerService['arm']>[0];

/** One ticket of the stream: one running resolution clock whose warnings were emitted; its breach falls due. */
export interface StreamItem {
  readonly ticketId: string;
  readonly number: string;
  readonly partition: number;
  readonly dueAt: number;
  readonly breach: DueEmission;
  readonly warnings: readonly DueEmission[];
}

export interface StreamTemplate {
  /** The running clock every stream ticket carries (its meta goes into the event). */
  readonly clock: SlaClock;
  /** The clock's owed emissions as derived: warnings first, the breach last. */
  readonly due: readonly DueEmission[];
}

/** `count` items due at `rate` per second from `firstDueAt`, their ids in their own namespace (`run`). */
export function buildStream(template: StreamTemplate, run: number, count: number, rate: number, firstDueAt: number): StreamItem[] {
  const breach = template.due.find((d) => d.percent === 100);
  if (breach === undefined) throw new Error('the stream template clock owes no breach');
  const warnings = template.due.filter((d) => d.percent < 100);
  const items: StreamItem[] = [];
  for (let i = 0; i < count; i += 1) {
    const ticketId = incidentId(run, i + 1);
    const dueAt = firstDueAt + Math.floor((i * 1000) / rate);
    items.push({
      ticketId,
      number: incidentNumber(i + 1),
      partition: partitionOf(ticketId),
      dueAt,
      breach: { ...breach, dueAt },
      warnings: warnings.map((w) => ({ ...w, dueAt: dueAt - (breach.dueAt - w.dueAt) })),
    });
  }
  return items;
}

/** What the engine is handed for a stream ticket: the clock, everything it owes (warnings already claimed). */
export function armRequest(template: StreamTemplate, item: StreamItem): { request: ArmRequest; claimed: Set<string> } {
  return {
    request: {
      ticketType: 'incident',
      ticketId: item.ticketId,
      number: item.number,
      partition: item.partition,
      open: true,
      clocks: [template.clock],
      due: [...item.warnings, item.breach],
    },
    claimed: new Set(item.warnings.map((w) => w.key)),
  };
}

export interface StreamResult {
  readonly latencies: number[];
  readonly lastPublishedAt: number;
  readonly errors: string[];
  readonly claimCalls: number;
}

type Publish = (envelopes: readonly EventEnvelope[]) => Promise<void>;

const sequenceOf = (item: StreamItem): number => item.warnings.length + 1;

/** Waits until `done()` or `deadline` (epoch ms), checking every 50 ms. */
export async function until(done: () => boolean, deadline: number): Promise<void> {
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** One timer per emission; each claims its emission alone, then publishes it. */
export async function naiveTimers(items: readonly StreamItem[], template: StreamTemplate, firings: SlaFiringRepository, publish: Publish, drainMs: number): Promise<StreamResult> {
  const latencies: number[] = [];
  const errors: string[] = [];
  let lastPublishedAt = 0;
  let claimCalls = 0;
  let settled = 0;
  const fire = async (item: StreamItem): Promise<void> => {
    try {
      const firedAt = new Date();
      const envelope = emissionEvent(item.ticketId, item.number, template.clock, item.breach, sequenceOf(item), firedAt);
      claimCalls += 1;
      const claimed = await firings.claim([{ timerKey: ticketKeyOf(item.ticketId), key: item.breach.key, partition: item.partition, claimedAt: firedAt, envelope }]);
      if (claimed.size === 1) {
        await publish([envelope]);
        lastPublishedAt = Date.now();
        latencies.push(lastPublishedAt - item.dueAt);
      } else errors.push(`naive timer: ${item.ticketId} was claimed before`);
    } catch (error: unknown) {
      errors.push(`naive timer: ${String(error)}`);
    } finally {
      settled += 1;
    }
  };
  const now = Date.now();
  for (const item of items) setTimeout(() => void fire(item), Math.max(0, item.dueAt - now));
  await until(() => settled === items.length, (items.at(-1)?.dueAt ?? now) + drainMs);
  return { latencies, lastPublishedAt, errors, claimCalls };
}

/** Agenda's way: every `everyMs` take what is due, claim and publish it in batches of `batchSize`. */
export async function pollingScheduler(
  items: readonly StreamItem[],
  template: StreamTemplate,
  firings: SlaFiringRepository,
  publish: Publish,
  everyMs: number,
  batchSize: number,
  drainMs: number,
): Promise<StreamResult> {
  const latencies: number[] = [];
  const errors: string[] = [];
  let lastPublishedAt = 0;
  let claimCalls = 0;
  let next = 0;
  let busy = false;
  const poll = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      const now = Date.now();
      while (next < items.length && (items[next] as StreamItem).dueAt <= now) {
        const batch = items.slice(next, Math.min(items.length, next + batchSize)).filter((i) => i.dueAt <= now);
        next += batch.length;
        const firedAt = new Date();
        const claims = batch.map((item) => ({
          item,
          firing: {
            timerKey: ticketKeyOf(item.ticketId),
            key: item.breach.key,
            partition: item.partition,
            claimedAt: firedAt,
            envelope: emissionEvent(item.ticketId, item.number, template.clock, item.breach, sequenceOf(item), firedAt),
          },
        }));
        claimCalls += 1;
        const claimed = await firings.claim(claims.map((c) => c.firing));
        const won = claims.filter((c) => claimed.has(claimKey(c.firing.timerKey, c.firing.key)));
        if (won.length !== claims.length) errors.push(`poller: ${claims.length - won.length} emissions were claimed before`);
        await publish(won.map((c) => c.firing.envelope));
        lastPublishedAt = Date.now();
        for (const c of won) latencies.push(lastPublishedAt - c.item.dueAt);
      }
    } catch (error: unknown) {
      errors.push(`poller: ${String(error)}`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void poll(), everyMs);
  try {
    await until(() => latencies.length + errors.length >= items.length || (next >= items.length && !busy), (items.at(-1)?.dueAt ?? Date.now()) + drainMs);
  } finally {
    clearInterval(timer);
  }
  return { latencies, lastPublishedAt, errors, claimCalls };
}
