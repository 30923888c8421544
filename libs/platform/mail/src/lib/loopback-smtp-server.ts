import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

/** One message as an SMTP client handed it over: the envelope and the bytes of the message. */
export interface ReceivedMessage {
  /** MAIL FROM ('' for the null sender). */
  readonly from: string;
  /** RCPT TO, in order. */
  readonly to: readonly string[];
  /** The DSN ENVID the client sent (when DSN is offered), or null. */
  readonly envelopeId: string | null;
  readonly raw: Buffer;
}

export interface LoopbackSmtpOptions {
  /** The loopback port to listen on; 0 picks a free one. */
  readonly port: number;
  /** Offer DSN (RFC 3461) in EHLO, so clients send ENVID/NOTIFY. */
  readonly dsn?: boolean;
  /** Accept AUTH with any login (a sender configured with credentials still delivers); off: AUTH not offered. */
  readonly acceptAnyLogin?: boolean;
  /** A connection's or the server's error after the start (a client hanging up mid-message). */
  readonly onError?: (error: Error) => void;
  /**
   * Takes a message: resolved, the client gets 250; rejected, the error's `responseCode` (451 when it
   * has none); never settling, the client never gets an answer (a relay that lost its 250).
   */
  readonly receive: (message: ReceivedMessage) => Promise<void>;
}

/** The largest message taken (what a notification mail with its HTML part needs, with room). */
export const MAX_LOOPBACK_MESSAGE_BYTES = 10 * 1024 * 1024;

/**
 * A plain SMTP server on 127.0.0.1 (the `smtp-server` package, no TLS) handing each message to
 * `receive`: the all-in-one's local mail sink and the specs' SMTP peer are both this.
 */
export class LoopbackSmtpServer {
  private readonly server: SMTPServer;

  private constructor(private readonly options: LoopbackSmtpOptions) {
    this.server = new SMTPServer({
      authOptional: true,
      ...(options.acceptAnyLogin === true
        ? { allowInsecureAuth: true, onAuth: (_auth, _session, callback) => callback(null, { user: 'local' }), disabledCommands: ['STARTTLS'] }
        : { disabledCommands: ['STARTTLS', 'AUTH'] }),
      hideDSN: options.dsn !== true,
      logger: false,
      size: MAX_LOOPBACK_MESSAGE_BYTES,
      onData: (stream, session, callback) => this.take(stream, session, callback),
    });
    this.server.on('error', (error: Error) => options.onError?.(error));
  }

  static async start(options: LoopbackSmtpOptions): Promise<LoopbackSmtpServer> {
    const smtp = new LoopbackSmtpServer(options);
    await new Promise<void>((resolve, reject) => {
      smtp.server.server.once('error', reject);
      smtp.server.listen(options.port, '127.0.0.1', () => {
        smtp.server.server.off('error', reject);
        resolve();
      });
    });
    return smtp;
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  /** What a sender's SMTP URL is (`NOTIFICATION_SMTP_URL`). */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private take(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      if (stream.sizeExceeded) {
        callback(Object.assign(new Error(`message larger than ${MAX_LOOPBACK_MESSAGE_BYTES} bytes`), { responseCode: 552 }));
        return;
      }
      const { mailFrom, rcptTo, dsn } = session.envelope;
      const message: ReceivedMessage = { from: mailFrom === false ? '' : mailFrom.address, to: rcptTo.map((r) => r.address), envelopeId: dsn?.envid ?? null, raw: Buffer.concat(chunks) };
      this.options.receive(message).then(
        () => callback(),
        (error: unknown) => {
          const failure = error instanceof Error ? error : new Error(String(error));
          const code = (failure as { responseCode?: unknown }).responseCode;
          callback(Object.assign(failure, { responseCode: typeof code === 'number' ? code : 451 }));
        },
      );
    });
  }
}
