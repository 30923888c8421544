import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

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
 * A real SMTP server for integration specs (the `smtp-server` package, plain SMTP on 127.0.0.1,
 * DSN offered): it keeps every mail it accepted, parsed. `behave` changes what the next messages get
 * (a failing relay, a relay that takes the mail and never answers).
 */
export class SmtpSink {
  readonly mails: SunkMail[] = [];
  private readonly behaviours: SinkBehaviour[] = [];
  private readonly server: SMTPServer;

  private constructor(private readonly options: SmtpSinkOptions) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      hideDSN: false,
      logger: false,
      size: 10 * 1024 * 1024,
      onData: (stream, session, callback) => this.receive(stream, session, callback),
    });
  }

  static async start(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
    const sink = new SmtpSink(options);
    await new Promise<void>((resolve, reject) => {
      sink.server.server.once('error', reject);
      sink.server.listen(0, '127.0.0.1', () => resolve());
    });
    return sink;
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
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
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private receive(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const behaviour = this.behaviours.shift() ?? { kind: 'accept' };
      const raw = Buffer.concat(chunks).toString('utf8');
      if (behaviour.kind === 'fail') {
        callback(Object.assign(new Error(behaviour.message), { responseCode: behaviour.code }));
        return;
      }
      const envelope = session.envelope;
      const from = envelope.mailFrom === false ? '' : envelope.mailFrom.address;
      const to = envelope.rcptTo.map((r) => r.address);
      this.options.onArrival?.({ from, to, raw, arrivedAt: performance.now() });
      if (this.options.keep === false) {
        if (behaviour.kind === 'accept') callback();
        return;
      }
      simpleParser(raw).then(
        (parsed) => {
          this.mails.push({ from, to, envelopeId: envelope.dsn?.envid ?? null, raw, parsed });
          if (behaviour.kind === 'accept') callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    });
  }
}
