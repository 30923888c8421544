import { PINO_LOGGER } from '@itsm/platform/observability';
import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { AutoCloseIncidentsHandler } from './commands/auto-close-incidents/auto-close-incidents.handler';
import { INCIDENT_SETTINGS } from './incident-tokens';
import type { IncidentSettings } from './incident-tokens';

/**
 * Runs the auto-close sweep on a fixed interval. Every replica may sweep: closing is a versioned
 * write of an idempotent transition, so two sweeps racing close an incident once.
 */
@Injectable()
export class AutoCloseScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly autoClose: AutoCloseIncidentsHandler,
    @Inject(INCIDENT_SETTINGS) private readonly settings: IncidentSettings,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running = this.autoClose.execute().then(
        (closed) => closed > 0 && this.logger.info({ closed }, 'auto-closed resolved incidents'),
        (error: unknown) => this.logger.error({ err: error }, 'auto-close sweep failed; retrying at the next interval'),
      );
    }, this.settings.autoCloseIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
