import { PINO_LOGGER } from '@itsm/platform/observability';
import { PeriodicJob } from '@itsm/platform/scheduling';
import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { AutoCloseIncidentsHandler } from './commands/auto-close-incidents/auto-close-incidents.handler';
import { INCIDENT_SETTINGS } from './incident.tokens';
import type { IncidentSettings } from './incident.tokens';

/**
 * Runs the auto-close sweep on a fixed interval. Every replica may sweep: closing is a versioned
 * write of an idempotent transition, so two sweeps racing close an incident once.
 */
@Injectable()
export class AutoCloseScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    private readonly autoClose: AutoCloseIncidentsHandler,
    @Inject(INCIDENT_SETTINGS) settings: IncidentSettings,
    @Inject(PINO_LOGGER) logger: Logger,
  ) {
    this.job = new PeriodicJob({
      name: 'incident auto-close',
      everyMs: settings.autoCloseIntervalMs,
      run: async () => {
        const closed = await this.autoClose.execute();
        if (closed > 0) logger.info({ closed }, 'auto-closed resolved incidents');
      },
      logger,
      failureMessage: 'auto-close sweep failed; retrying at the next interval',
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
