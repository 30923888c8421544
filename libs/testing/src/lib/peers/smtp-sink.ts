import { LoopbackSmtpServer } from '@itsm/platform/mail';
import type { ReceivedMessage } from '@itsm/platform/mail';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { performance } from 'node:perf_hooks';

/** One mail the sink accepted: the SMTP envelope, the raw message and its parse. */
export interface SunkMail {
  /** MAIL FROM ('' for the null sender). */
  readonly from: string;
  /** RCPT TO, in order. */
  readonly to: readonly string[];
  /** The DSN ENVID the client sent (the sink offers DSN), or null. */
  readonly envelopeId: string | null;
  readonly raw: string;
  readonly parsed: ParsedMail;
  /** When the DATA ended (epoch ms, before the 250 is written): a deferred mail's arrival is checked against its instant. */
  readonly receivedAt: number;
}

/** A mail as it arrived, before any parse: for a benchmark that counts at thousands a second. */
export interface ArrivedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: string;
  /** `performance.now()` when the DATA ended (before the 250 is written). */
  readonly arrivedAt: number;
}

/**
 * `onArrival` sees every accepted mail as it arrives; `keep: false` then neither parses nor keeps
 * it (`mails` stays empty: a benchmark's hundreds of thousands of mails would fill the heap).
 */
export interface SmtpSinkOptions {
  readonly onArrival?: (mail: ArrivedMail) => void;
  readonly keep?: boolean;
}

/** What the sink answers to the next DATA: accept, fail (a 4xx/5xx code), or accept but never answer (a lost 250). */
export type SinkBehaviour = { readonly kind: 'accept' } | { readonly kind: 'fail'; readonly code: number; readonly message: string } | { readonly kind: 'hang' };

/**
 * A real SMTP server for integration specs (the platform's LoopbackSmtpServer, DSN offered): it keeps
 * every mail it accepted, parsed. `behave` changes what the next messages get (a failing relay, a
 * relay that takes the mail and never answers).
 */
export class SmtpSink {
  readonly mails: SunkMail[] = [];
  private readonly behaviours: SinkBehaviour[] = [];
  private smtp: LoopbackSmtpServer | undefined;

  private constructor(private readonly options: SmtpSinkOptions) {}

  static async start(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
    const sink = new SmtpSink(options);
    sink.smtp = await LoopbackSmtpServer.start({ port: 0, dsn: true, receive: (message) => sink.receive(message) });
    return sink;
  }

  get port(): number {
    return this.server().port;
  }

  get url(): string {
    return this.server().url;
  }

  /** Queues what the next messages get, one behaviour per message; afterwards every message is accepted. */
  behave(...behaviours: SinkBehaviour[]): void {
    this.behaviours.push(...behaviours);
  }

  /** The mails sent to `address` (case-insensitive), in arrival order. */
  to(address: string): SunkMail[] {
    const wanted = address.toLowerCase();
    return this.mails.filter((mail) => mail.to.some((to) => to.toLowerCase() === wanted));
  }

  close(): Promise<void> {
    return this.server().close();
  }

  private server(): LoopbackSmtpServer {
    if (this.smtp === undefined) throw new Error('the SMTP sink is not started');
    return this.smtp;
  }

  private async receive(message: ReceivedMessage): Promise<void> {
    const behaviour = this.behaviours.shift() ?? { kind: 'accept' };
    if (behaviour.kind === 'fail') throw Object.assign(new Error(behaviour.message), { responseCode: behaviour.code });
    const raw = message.raw.toString('utf8');
    const receivedAt = Date.now();
    this.options.onArrival?.({ from: message.from, to: message.to, raw, arrivedAt: performance.now() });
    if (this.options.keep !== false) this.mails.push({ from: message.from, to: message.to, envelopeId: message.envelopeId, raw, parsed: await simpleParser(raw), receivedAt });
    // Kept, but the client never hears so (its send times out: the lost 250).
    if (behaviour.kind === 'hang') await new Promise<never>(() => undefined);
  }
}
