import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

export interface LocalMailSinkOptions {
  /** Where each accepted message is written (created if missing). */
  readonly dir: string;
  /** The loopback port to listen on; 0 picks a free one. */
  readonly port: number;
  /** The clock naming the files (tests pass a fixed one). */
  readonly now?: () => Date;
  /** A connection's or the server's error after the start (a client hanging up mid-message): logged, never thrown. */
  readonly onError?: (error: Error) => void;
}

/** The largest message the sink takes (what a notification mail with its HTML part needs, with room). */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/**
 * The all-in-one's mail: an SMTP server on 127.0.0.1 (the `smtp-server` package, no TLS, any or no
 * login accepted) that writes every message it accepts to `<dir>/<time>-<n>.eml`, the message as
 * received with `Return-Path` and one `Delivered-To` per recipient in front (so Bcc recipients
 * show), which any mail client opens. `<time>` is the ISO instant with `:` as `-` (a file name on
 * every system); `<n>` counts the messages of this run. Nothing is relayed anywhere.
 */
export class LocalMailSink {
  private readonly server: SMTPServer;
  private readonly now: () => Date;
  private count = 0;

  private constructor(private readonly options: LocalMailSinkOptions) {
    this.now = options.now ?? (() => new Date());
    this.server = new SMTPServer({
      authOptional: true,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'local' }),
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: MAX_MESSAGE_BYTES,
      onData: (stream, session, callback) => this.receive(stream, session, callback),
    });
    this.server.on('error', (error: Error) => options.onError?.(error));
  }

  static async start(options: LocalMailSinkOptions): Promise<LocalMailSink> {
    await mkdir(options.dir, { recursive: true });
    const sink = new LocalMailSink(options);
    await new Promise<void>((resolve, reject) => {
      sink.server.once('error', reject);
      sink.server.listen(options.port, '127.0.0.1', () => {
        sink.server.off('error', reject);
        resolve();
      });
    });
    return sink;
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  /** What a sender's SMTP URL is (`NOTIFICATION_SMTP_URL`). */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get dir(): string {
    return this.options.dir;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private receive(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      if (stream.sizeExceeded) {
        callback(Object.assign(new Error(`message larger than ${MAX_MESSAGE_BYTES} bytes`), { responseCode: 552 }));
        return;
      }
      this.store(session, Buffer.concat(chunks)).then(
        () => callback(),
        (error: unknown) => callback(Object.assign(new Error(`not stored: ${error instanceof Error ? error.message : String(error)}`), { responseCode: 451 })),
      );
    });
  }

  /** Writes the message under a name no earlier message of any run took (`wx`: never overwrites). */
  private async store(session: SMTPServerSession, message: Buffer): Promise<void> {
    const { mailFrom, rcptTo } = session.envelope;
    const trace = [`Return-Path: <${mailFrom === false ? '' : mailFrom.address}>`, ...rcptTo.map((r) => `Delivered-To: ${r.address}`)].join('\r\n');
    const content = Buffer.concat([Buffer.from(`${trace}\r\n`, 'utf8'), message]);
    const stamp = this.now().toISOString().replace(/:/g, '-');
    for (;;) {
      this.count += 1;
      try {
        await writeFile(join(this.options.dir, `${stamp}-${this.count}.eml`), content, { flag: 'wx' });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }
}
