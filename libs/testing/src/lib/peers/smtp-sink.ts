import { LoopbackSmtpServer } from '@itsm/platform/mail';
import type { ReceivedMessage } from '@itsm/platform/mail';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';

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

  private constructor(private readonly smtp: LoopbackSmtpServer) {}

  static async start(): Promise<SmtpSink> {
    const holder: { sink?: SmtpSink } = {};
    const smtp = await LoopbackSmtpServer.start({ port: 0, dsn: true, receive: (message) => (holder.sink as SmtpSink).receive(message) });
    holder.sink = new SmtpSink(smtp);
    return holder.sink;
  }

  get port(): number {
    return this.smtp.port;
  }

  get url(): string {
    return this.smtp.url;
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
    return this.smtp.close();
  }

  private async receive(message: ReceivedMessage): Promise<void> {
    const behaviour = this.behaviours.shift() ?? { kind: 'accept' };
    if (behaviour.kind === 'fail') throw Object.assign(new Error(behaviour.message), { responseCode: behaviour.code });
    const raw = message.raw.toString('utf8');
    const parsed = await simpleParser(raw);
    this.mails.push({ from: message.from, to: message.to, envelopeId: message.envelopeId, raw, parsed });
    // Kept, but the client never hears so (its send times out: the lost 250).
    if (behaviour.kind === 'hang') await new Promise<never>(() => undefined);
  }
}
