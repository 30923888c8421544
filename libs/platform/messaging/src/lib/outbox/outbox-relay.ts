import type { TopicRegistry } from '@itsm/contracts';
import type { OutboxStore, PendingEvents } from '@itsm/platform/persistence';
import { SpanKind } from '@opentelemetry/api';
import type { EventBus } from '../event-bus';
import { OUTBOX_RELAY_SPAN, withEventSpans } from '../message-tracing';

export interface OutboxRelaySettings {
  /** How often stores are polled when nothing signals (crash recovery, other replicas' writes). */
  readonly pollIntervalMs: number;
  /** Aggregates read per store per round. */
  readonly batchSize: number;
}

export const DEFAULT_OUTBOX_RELAY_SETTINGS: OutboxRelaySettings = { pollIntervalMs: 500, batchSize: 200 };

/**
 * Publishes what repositories wrote into their aggregates' outboxes, then marks it published.
 * A crash between publish and mark publishes again (at-least-once: consumers dedupe by sequence);
 * an event is never published for a write that did not happen, because it only exists in the
 * aggregate document that write produced.
 */
export class OutboxRelay {
  private wake: (() => void) | undefined;
  private signalled = false;
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly stores: readonly OutboxStore[],
    private readonly bus: Pick<EventBus, 'publishEnvelopes'>,
    private readonly settings: OutboxRelaySettings = DEFAULT_OUTBOX_RELAY_SETTINGS,
    private readonly onError: (error: unknown) => void = () => undefined,
    /** Checks the topics documents name for themselves (family members): one the registry does not know is not published. */
    private readonly registry?: Pick<TopicRegistry, 'topic'>,
  ) {}

  start(): void {
    if (this.running !== undefined) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Called after a repository commits: publish now rather than at the next poll. */
  notify(): void {
    this.signalled = true;
    this.wake?.();
  }

  /** Finishes the round in progress and stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  /** One pass over every store until nothing is pending; returns how many events were published. */
  async drain(): Promise<number> {
    let published = 0;
    for (;;) {
      let round = 0;
      for (const store of this.stores) round += await this.relay(store);
      published += round;
      if (round === 0 || this.stopping) return published;
    }
  }

  private async relay(store: OutboxStore): Promise<number> {
    const items = await store.pending(this.settings.batchSize);
    if (items.length === 0) return 0;
    // One send per topic and round, the topics at once (a document's events all go to one topic): each
    // aggregate's events stay in order under its key. Each event gets a relay span, the child of the
    // request that wrote it (its stored `traceparent`): the relay runs later, outside that request, yet
    // its publishing belongs to the request's trace.
    const sent = await Promise.all(
      [...this.byTopic(store, items)].map(async ([topic, ofTopic]) => {
        const events = ofTopic.flatMap((item) => item.events);
        await withEventSpans(topic, events, { operation: OUTBOX_RELAY_SPAN, kind: SpanKind.INTERNAL, attributes: {} }, async (stamped) => {
          await this.bus.publishEnvelopes(topic, stamped);
          await Promise.all(ofTopic.map((item) => store.markPublished(item)));
        });
        return events.length;
      }),
    );
    return sent.reduce((sum, n) => sum + n, 0);
  }

  /**
   * The round's items by the topic their events go to (a document's own, else the store's). A document
   * naming a topic the registry does not know stays pending and is reported: nothing is published to a
   * topic outside the contract, and the other documents still go.
   */
  private byTopic(store: OutboxStore, items: readonly PendingEvents[]): Map<string, PendingEvents[]> {
    const groups = new Map<string, PendingEvents[]>();
    for (const item of items) {
      const topic = item.topic ?? store.topic;
      if (item.topic !== undefined && this.registry !== undefined && this.registry.topic(topic) === undefined) {
        this.onError(new Error(`outbox of ${item.aggregateId} names topic ${topic}, which the topic registry does not know; its events stay pending`));
        continue;
      }
      const group = groups.get(topic);
      if (group === undefined) groups.set(topic, [item]);
      else group.push(item);
    }
    return groups;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      this.signalled = false;
      try {
        await this.drain();
      } catch (error) {
        this.onError(error);
      }
      if (this.stopping || this.signalled) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.settings.pollIntervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }
}
