import { cmdbDiscoveryTopic, isRetryableKind } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { EventConsumer, MessagingError, MessagingErrorCode } from '@itsm/platform/messaging';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { ReportDiscoveredCiCommand } from '../application/commands/report-discovered-ci/report-discovered-ci.command';
import { ReportDiscoveredCiHandler } from '../application/commands/report-discovered-ci/report-discovered-ci.handler';
import { CMDB_ERROR_KINDS, CmdbError } from '../domain';

type DiscoveryEvent = EventOf<typeof cmdbDiscoveryTopic>;

/**
 * The bulk discovery feed: each event (its shape already checked by the bus) is identified and
 * reconciled like the GraphQL mutation. A payload the CMDB refuses (unknown source or class, a
 * value of the wrong type, a source that may not create) is dead-lettered with the code at once:
 * retrying cannot cure it. Only what its kind says a retry may cure (a lost concurrency race) is retried.
 */
@EventConsumer()
export class DiscoveryFeedConsumer {
  constructor(
    private readonly reportDiscoveredCi: ReportDiscoveredCiHandler,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern(cmdbDiscoveryTopic.name)
  async onDiscovered(@Payload() envelope: DiscoveryEvent): Promise<void> {
    const data = envelope.data;
    try {
      const result = await this.reportDiscoveredCi.execute(new ReportDiscoveredCiCommand({ source: data.source, classId: data.classId, attributes: data.attributes, relationships: data.relationships, by: data.by, at: data.at }));
      if (result.held.length > 0 || result.identificationConflicts.length > 0) {
        this.logger.info({ ciId: result.ci.id, source: data.source, held: result.held, conflicts: result.identificationConflicts }, 'CMDB discovery: some reported values not written');
      }
    } catch (error) {
      if (error instanceof CmdbError && !isRetryableKind(CMDB_ERROR_KINDS[error.code])) {
        this.logger.warn({ code: error.code, source: data.source, classId: data.classId, eventId: envelope.id }, `CMDB discovery item refused: ${error.message}`);
        throw new MessagingError(MessagingErrorCode.HandlerFailed, `${error.code}: ${error.message}`, false);
      }
      throw error;
    }
  }
}
