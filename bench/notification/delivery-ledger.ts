/**
 * What one run of bench:notification expects and what arrived: each produced incident (one
 * assigned event) owes one mail per member of its group and one webhook. An arrival is keyed by
 * (incident, recipient, channel); a repeat of a key is a duplicate, counted apart when it carries
 * the same message id (a resend the receiver can drop) or a different one (a real duplicate).
 */
export type BenchChannel = 'email' | 'webhook';

/** Where an arrival came from: the incident it is about, who got it, on which channel, with which message id, when. */
export interface Arrival {
  readonly incidentId: string;
  readonly recipient: string;
  readonly channel: BenchChannel;
  readonly messageId: string;
  readonly at: number;
}

export interface LedgerFigures {
  readonly incidents: number;
  readonly expected: number;
  readonly delivered: number;
  readonly lost: number;
  readonly duplicatesSameId: number;
  readonly duplicatesDistinctIds: number;
  /** A mail or webhook for a known incident that nobody should have got. */
  readonly unexpected: number;
  readonly latenciesMs: number[];
  /** `performance.now()` of the first and last first-arrival (NaN when none). */
  readonly firstAt: number;
  readonly lastAt: number;
  readonly samples: readonly string[];
}

const WEBHOOK_RECIPIENT = 'endpoint';

export class DeliveryLedger {
  private readonly produced = new Map<string, { readonly at: number; readonly recipients: readonly string[] }>();
  private readonly arrived = new Map<string, string>();
  private readonly latencies: number[] = [];
  private readonly samples: string[] = [];
  private duplicatesSameId = 0;
  private duplicatesDistinctIds = 0;
  private unexpected = 0;
  private firstAt = NaN;
  private lastAt = NaN;

  /** `at`: `performance.now()` when the event was handed to the producer; `members`: the group's mail addresses. */
  produce(incidentId: string, at: number, members: readonly string[]): void {
    this.produced.set(incidentId, { at, recipients: members });
  }

  get expected(): number {
    let count = 0;
    for (const { recipients } of this.produced.values()) count += recipients.length + 1;
    return count;
  }

  get delivered(): number {
    return this.arrived.size;
  }

  /** Records an arrival when it is about one of this run's incidents; answers whether it was. */
  record(arrival: Arrival): boolean {
    const incident = this.produced.get(arrival.incidentId);
    if (incident === undefined) return false;
    if (arrival.channel === 'email' && !incident.recipients.includes(arrival.recipient)) {
      this.unexpected += 1;
      this.sample(`unexpected mail to ${arrival.recipient} about ${arrival.incidentId}`);
      return true;
    }
    const key = `${arrival.incidentId}|${arrival.recipient}|${arrival.channel}`;
    const first = this.arrived.get(key);
    if (first === undefined) {
      this.arrived.set(key, arrival.messageId);
      this.latencies.push(arrival.at - incident.at);
      if (Number.isNaN(this.firstAt)) this.firstAt = arrival.at;
      this.lastAt = arrival.at;
    } else if (first === arrival.messageId) {
      this.duplicatesSameId += 1;
    } else {
      this.duplicatesDistinctIds += 1;
      this.sample(`${key}: ${first} then ${arrival.messageId}`);
    }
    return true;
  }

  figures(): LedgerFigures {
    return {
      incidents: this.produced.size,
      expected: this.expected,
      delivered: this.delivered,
      lost: this.lostKeys().length,
      duplicatesSameId: this.duplicatesSameId,
      duplicatesDistinctIds: this.duplicatesDistinctIds,
      unexpected: this.unexpected,
      latenciesMs: this.latencies,
      firstAt: this.firstAt,
      lastAt: this.lastAt,
      samples: [...this.samples, ...this.lostKeys().slice(0, 3).map((key) => `never arrived: ${key}`)],
    };
  }

  private lostKeys(): string[] {
    const lost: string[] = [];
    for (const [incidentId, { recipients }] of this.produced) {
      for (const recipient of recipients) if (!this.arrived.has(`${incidentId}|${recipient}|email`)) lost.push(`${incidentId}|${recipient}|email`);
      if (!this.arrived.has(`${incidentId}|${WEBHOOK_RECIPIENT}|webhook`)) lost.push(`${incidentId}|${WEBHOOK_RECIPIENT}|webhook`);
    }
    return lost;
  }

  private sample(line: string): void {
    if (this.samples.length < 5) this.samples.push(line);
  }
}

const TICKET_REFERENCE = /<t\.itsm\.incident\.v1\.([^@>\s]+)@/;
const MESSAGE_ID = /^message-id:\s*(<[^>\r\n]+>)/im;

/** A notification mail's arrival (the ticket from its thread reference, the Message-ID), from the raw header section; null when it is no ticket's mail. */
export function mailArrival(raw: string, to: readonly string[], at: number): Arrival | null {
  const end = raw.indexOf('\r\n\r\n');
  const headers = end < 0 ? raw : raw.slice(0, end);
  const incidentId = TICKET_REFERENCE.exec(headers)?.[1];
  const messageId = MESSAGE_ID.exec(headers)?.[1];
  const recipient = to[0];
  if (incidentId === undefined || messageId === undefined || recipient === undefined || to.length !== 1) return null;
  return { incidentId, recipient: recipient.toLowerCase(), channel: 'email', messageId, at };
}

/** A verified webhook's arrival (the ticket from its body, the `webhook-id`); null when it is no ticket's notice. */
export function webhookArrival(body: string, id: string | null, at: number): Arrival | null {
  let incidentId: unknown;
  try {
    incidentId = (JSON.parse(body) as { data?: { ticket?: { id?: unknown } } }).data?.ticket?.id;
  } catch {
    return null;
  }
  if (typeof incidentId !== 'string' || id === null) return null;
  return { incidentId, recipient: WEBHOOK_RECIPIENT, channel: 'webhook', messageId: id, at };
}
