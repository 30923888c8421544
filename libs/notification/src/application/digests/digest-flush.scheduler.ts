import { Clock } from '@itsm/platform/config';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { PeriodicJob } from '@itsm/platform/scheduling';
import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { WindowSlots } from '../planner/window-slots.port';
import { DigestFlusher } from './digest-flusher';

/** How often due digests are looked for: a digest goes out at most this late. */
export const DIGEST_FLUSH_EVERY_MS = 15_000;

/**
 * Every replica runs the flush (claims make each digest go to one of them) and forgets the storm and
 * rate windows that have ended.
 */
@Injectable()
export class DigestFlushScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(flusher: DigestFlusher, slots: WindowSlots, clock: Clock, @Inject(PINO_LOGGER) logger: Logger) {
    this.job = new PeriodicJob({
      name: 'notification digest flush',
      everyMs: DIGEST_FLUSH_EVERY_MS,
      run: async () => {
        const now = clock.now().getTime();
        const flushed = await flusher.flushDue(now);
        const purged = await slots.purgeEnded(now);
        if (flushed > 0 || purged > 0) logger.info({ flushed, purged }, 'flushed due digests');
      },
      logger,
      failureMessage: 'digest flush failed; retrying at the next interval',
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}
