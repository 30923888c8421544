import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LoopbackSmtpServer } from './loopback-smtp-server';
import type { ReceivedMessage } from './loopback-smtp-server';

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

/**
 * The all-in-one's mail: an SMTP server on 127.0.0.1 (any or no login accepted) that writes every
 * message it accepts to `<dir>/<time>-<n>.eml`, the message as received with `Return-Path` and one
 * `Delivered-To` per recipient in front (so Bcc recipients show), which any mail client opens.
 * `<time>` is the ISO instant with `:` as `-` (a file name on every system); `<n>` counts the
 * messages of this run. Nothing is relayed anywhere.
 */
export class LocalMailSink {
  private count = 0;
  private smtp: LoopbackSmtpServer | undefined;

  private constructor(
    private readonly options: LocalMailSinkOptions,
    private readonly now: () => Date,
  ) {}

  static async start(options: LocalMailSinkOptions): Promise<LocalMailSink> {
    await mkdir(options.dir, { recursive: true });
    const sink = new LocalMailSink(options, options.now ?? (() => new Date()));
    sink.smtp = await LoopbackSmtpServer.start({
      port: options.port,
      acceptAnyLogin: true,
      ...(options.onError ? { onError: options.onError } : {}),
      receive: (message) => sink.store(message),
    });
    return sink;
  }

  get port(): number {
    return this.server().port;
  }

  /** What a sender's SMTP URL is (`NOTIFICATION_SMTP_URL`). */
  get url(): string {
    return this.server().url;
  }

  get dir(): string {
    return this.options.dir;
  }

  close(): Promise<void> {
    return this.server().close();
  }

  private server(): LoopbackSmtpServer {
    if (this.smtp === undefined) throw new Error('the mail sink is not started');
    return this.smtp;
  }

  /** Writes the message under a name no earlier message of any run took (`wx`: never overwrites). */
  private async store(message: ReceivedMessage): Promise<void> {
    const trace = [`Return-Path: <${message.from}>`, ...message.to.map((to) => `Delivered-To: ${to}`)].join('\r\n');
    const content = Buffer.concat([Buffer.from(`${trace}\r\n`, 'utf8'), message.raw]);
    const stamp = this.now().toISOString().replace(/:/g, '-');
    for (;;) {
      this.count += 1;
      try {
        await writeFile(join(this.options.dir, `${stamp}-${this.count}.eml`), content, { flag: 'wx' });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw Object.assign(new Error(`not stored: ${(error as Error).message}`), { responseCode: 451 });
      }
    }
  }
}
