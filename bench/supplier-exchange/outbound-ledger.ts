/**
 * What the suppliers should receive and what they did: each expected outbound event by its stable id
 * (`<incident event id>:<supplierId>`, the CloudEvent id the exchange gives it), with the instant its
 * incident change was published and the sequence it must carry in its (ticket, supplier) stream.
 * An arrival is a duplicate (id seen before), out of order (a sequence not above the last one of its
 * stream), or new; lost = expected minus delivered when the drain window (SX_BENCH_DRAIN_SECONDS) closes.
 */
import { latency } from '@itsm/bench-cmdb';
import type { Latency } from '@itsm/bench-cmdb';

interface Expected {
  readonly stream: string;
  readonly sequence: number;
  readonly sentAt: number;
}

export interface LedgerFigures {
  readonly expected: number;
  readonly delivered: number;
  readonly lost: number;
  readonly duplicates: number;
  readonly outOfOrder: number;
  /** Arrivals whose sequence is not the one its incident change must have (a gap or a renumbering). */
  readonly sequenceMismatches: number;
  /** Arrivals of an id nobody expected (another run's, a wrong id scheme). */
  readonly unexpected: number;
  readonly badSignatures: number;
  readonly byChannel: Readonly<Record<'kafka' | 'webhook', number>>;
  readonly changeToDelivered: Latency;
  readonly changeToDeliveredByChannel: Readonly<Record<'kafka' | 'webhook', Latency>>;
  readonly lastArrivalAt: number;
}

export class OutboundLedger {
  private readonly expected = new Map<string, Expected>();
  private readonly delivered = new Set<string>();
  private readonly lastSequence = new Map<string, number>();
  private readonly latencies: number[] = [];
  private readonly channelLatencies = { kafka: [] as number[], webhook: [] as number[] };
  private duplicates = 0;
  private outOfOrder = 0;
  private sequenceMismatches = 0;
  private unexpected = 0;
  private badSignatures = 0;
  private lastArrivalAt = 0;
  private readonly byChannel = { kafka: 0, webhook: 0 };

  expect(id: string, stream: string, sequence: number, sentAt: number): void {
    this.expected.set(id, { stream, sequence, sentAt });
  }

  arrive(id: string, sequence: number, channel: 'kafka' | 'webhook', at = performance.now()): void {
    const expected = this.expected.get(id);
    if (expected === undefined) {
      this.unexpected++;
      return;
    }
    if (this.delivered.has(id)) {
      this.duplicates++;
      return;
    }
    this.delivered.add(id);
    this.byChannel[channel]++;
    this.lastArrivalAt = at;
    this.latencies.push(at - expected.sentAt);
    this.channelLatencies[channel].push(at - expected.sentAt);
    if (sequence !== expected.sequence) this.sequenceMismatches++;
    const last = this.lastSequence.get(expected.stream) ?? 0;
    if (sequence <= last) this.outOfOrder++;
    else this.lastSequence.set(expected.stream, sequence);
  }

  refuseSignature(): void {
    this.badSignatures++;
  }

  get complete(): boolean {
    return this.delivered.size >= this.expected.size;
  }

  get deliveredCount(): number {
    return this.delivered.size;
  }

  figures(): LedgerFigures {
    return {
      expected: this.expected.size,
      delivered: this.delivered.size,
      lost: this.expected.size - this.delivered.size,
      duplicates: this.duplicates,
      outOfOrder: this.outOfOrder,
      sequenceMismatches: this.sequenceMismatches,
      unexpected: this.unexpected,
      badSignatures: this.badSignatures,
      byChannel: { ...this.byChannel },
      changeToDelivered: latency(this.latencies),
      changeToDeliveredByChannel: { kafka: latency(this.channelLatencies.kafka), webhook: latency(this.channelLatencies.webhook) },
      lastArrivalAt: this.lastArrivalAt,
    };
  }
}
