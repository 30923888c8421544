import { Clock } from '@itsm/platform/config';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { ReceiveInboundMailCommand } from '../application/commands/receive-inbound-mail/receive-inbound-mail.command';
import { ReceiveInboundMailHandler } from '../application/commands/receive-inbound-mail/receive-inbound-mail.handler';
import { NotificationError, NotificationErrorCode } from '../domain';
import type { NotificationSettings } from '../notification-env';
import { NOTIFICATION_SETTINGS } from '../notification-env';

/** How the listener speaks: LMTP (an MTA's local delivery) or SMTP, and the largest mail taken. */
export interface InboundListenerOptions {
  readonly lmtp: boolean;
  readonly maxBytes: number;
  readonly host: string;
}
export const INBOUND_LISTENER_OPTIONS = Symbol('INBOUND_LISTENER_OPTIONS');
export const DEFAULT_INBOUND_LISTENER_OPTIONS: InboundListenerOptions = { lmtp: false, maxBytes: 10 * 1024 * 1024, host: '0.0.0.0' };

type DataCallback = (error?: Error | null) => void;
const smtpError = (code: number, message: string): Error => Object.assign(new Error(message), { responseCode: code });

/**
 * Where the MTA hands inbound mail (replies, bounces, auto-replies) to the context, on
 * `settings.inboundPort` (0: off), started and stopped with the app. No AUTH (a private port the
 * MTA alone reaches); size-limited. A mail is answered 250 only once it is stored, so the MTA may
 * forget it; 451 (try again) when storing failed; 550 for a mail that cannot be read.
 */
@Injectable()
export class InboundMailListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('InboundMailListener');
  private server: SMTPServer | null = null;

  constructor(
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
    @Inject(INBOUND_LISTENER_OPTIONS) private readonly options: InboundListenerOptions,
    private readonly receive: ReceiveInboundMailHandler,
    private readonly clock: Clock,
  ) {}

  /** The port it listens on, or null when off. */
  get port(): number | null {
    const address = this.server?.server.address();
    return address === null || address === undefined || typeof address === 'string' ? null : (address as AddressInfo).port;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.settings.inboundPort === 0) return;
    const server = new SMTPServer({
      lmtp: this.options.lmtp,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      size: this.options.maxBytes,
      rejectOversized: true,
      logger: false,
      onData: (stream, session, callback) => this.data(stream, session, callback),
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.settings.inboundPort, this.options.host, () => resolve());
    });
    server.on('error', (error) => this.logger.warn(`inbound mail connection: ${error.message}`));
    this.server = server;
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server !== null) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private data(stream: SMTPServerDataStream, session: SMTPServerSession, callback: DataCallback): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', (error) => callback(smtpError(451, `4.3.0 ${error.message}`)));
    stream.on('end', () => {
      if (stream.sizeExceeded) return callback(smtpError(552, '5.3.4 message too big'));
      const { mailFrom, rcptTo } = session.envelope;
      const envelope = { mailFrom: mailFrom === false ? '' : mailFrom.address, rcptTo: rcptTo.map((rcpt) => rcpt.address) };
      this.receive.execute(new ReceiveInboundMailCommand(Buffer.concat(chunks), envelope, this.clock.now().getTime())).then(
        () => callback(),
        (error: unknown) => {
          if (error instanceof NotificationError && error.code === NotificationErrorCode.InvalidInput) return callback(smtpError(550, `5.6.0 ${error.message}`));
          this.logger.warn(`inbound mail not stored: ${error instanceof Error ? error.message : String(error)}`);
          callback(smtpError(451, '4.3.0 not stored, try again later'));
        },
      );
    });
  }
}
