import { requestTopic } from '@itsm/contracts';
import type { EventEnvelope, TopicDefinition } from '@itsm/contracts';
import { OrderCatalogItemsCommand } from '@itsm/catalogue';
import type { OrderCatalogItemsHandler } from '@itsm/catalogue';
import type { Principal } from '@itsm/platform/auth';
import type { InProcessEventBus } from '@itsm/platform/messaging';
import { performance } from 'node:perf_hooks';

export interface OrderRun {
  /** Orders sent (the schedule's length). */
  readonly sent: number;
  /** Orders the handler acknowledged (a request came back). */
  readonly acknowledged: number;
  /** Acknowledged orders whose first open task never reached the bus before the drain timeout. */
  readonly lost: number;
  /** Orders the handler refused or failed, by message (the first few). */
  readonly failures: ReadonlyMap<string, number>;
  /** Order sent -> its first task event of state `open` observed on the bus, per acknowledged and observed order. */
  readonly firstTaskMs: readonly number[];
  /** Order sent -> the handler's answer. */
  readonly acknowledgeMs: readonly number[];
  /** Orders per second actually sent (first to last send). */
  readonly sentPerSecond: number;
}

interface TaskEventData {
  readonly requestId: string;
  readonly task: { readonly state: string };
}

const isOpenTaskEvent = (envelope: EventEnvelope): envelope is EventEnvelope<string, TaskEventData> =>
  envelope.type === 'itsm.request.task-state-changed.v1' && (envelope.data as Partial<TaskEventData> | null)?.task?.state === 'open';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Orders at a fixed rate (open loop: an order leaves on its schedule whether or not earlier ones
 * answered), each one line of `itemId` for one of `requesters`, through the catalogue's
 * orderCatalogItems use case; a reader of `itsm.request.v1` on the bus notes when each request's
 * first task event of state `open` arrives (the outbox relay published it). Waits up to `drainMs`
 * after the last answer for the stragglers; what never arrives is lost.
 */
export async function orderAtRate(
  bus: InProcessEventBus<readonly TopicDefinition[]>,
  handler: OrderCatalogItemsHandler,
  run: { readonly itemId: string; readonly requesters: readonly Principal[]; readonly perSecond: number; readonly count: number; readonly drainMs: number; readonly group: string },
): Promise<OrderRun> {
  const firstOpen = new Map<string, number>();
  await bus.subscribe({
    group: run.group,
    topics: [requestTopic.name],
    handle: ({ envelope }) => {
      if (isOpenTaskEvent(envelope) && !firstOpen.has(envelope.data.requestId)) firstOpen.set(envelope.data.requestId, performance.now());
      return Promise.resolve();
    },
  });
  const sentAt = new Map<string, number>();
  const acknowledgeMs: number[] = [];
  const failures = new Map<string, number>();
  const interval = 1_000 / run.perSecond;
  const start = performance.now();
  let lastSend = start;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < run.count; i += 1) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const viewer = run.requesters[i % run.requesters.length] as Principal;
    const t0 = performance.now();
    lastSend = t0;
    inFlight.push(
      handler.execute(viewer, new OrderCatalogItemsCommand([{ itemId: run.itemId, quantity: 1, variables: {} }])).then(
        (request) => {
          acknowledgeMs.push(performance.now() - t0);
          sentAt.set(request.id, t0);
        },
        (error: unknown) => {
          const key = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 200);
          failures.set(key, (failures.get(key) ?? 0) + 1);
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const deadline = performance.now() + run.drainMs;
  const missing = (): number => [...sentAt.keys()].filter((id) => !firstOpen.has(id)).length;
  while (missing() > 0 && performance.now() < deadline) await sleep(50);
  const firstTaskMs = [...sentAt].flatMap(([id, t0]) => {
    const seen = firstOpen.get(id);
    return seen === undefined ? [] : [seen - t0];
  });
  return {
    sent: run.count,
    acknowledged: sentAt.size,
    lost: missing(),
    failures,
    firstTaskMs,
    acknowledgeMs,
    sentPerSecond: run.count > 1 ? ((run.count - 1) * 1_000) / (lastSend - start) : run.count,
  };
}
