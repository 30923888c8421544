import { cmdbDiscoveryTopic, isRetryableKind } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { Clock } from '@itsm/platform/config';
import { EventBusContext, EventConsumer, MessagingError, MessagingErrorCode } from '@itsm/platform/messaging';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { CmdbDataModelService } from '../application/cmdb-data-model.service';
import type { DataModelReader } from '../application/cmdb-data-model.service';
import { CMDB_SETTINGS, DEFAULT_DISCOVERY_TOLERANCE_SECONDS } from '../application/cmdb.tokens';
import type { CmdbSettings } from '../application/cmdb.tokens';
import { ReportDiscoveredCiCommand } from '../application/commands/report-discovered-ci/report-discovered-ci.command';
import { ReportDiscoveredCiHandler } from '../application/commands/report-discovered-ci/report-discovered-ci.handler';
import { CMDB_ERROR_KINDS, CmdbError, CmdbErrorCode } from '../domain';
import { DISCOVERY_RECEIPT_STORE } from '../persistence';
import type { DiscoveryReceiptStore } from '../persistence';
import { bindDiscoveryRecord } from './discovery-record-binding';

type DiscoveryEvent = EventOf<typeof cmdbDiscoveryTopic>;

/**
 * The bulk discovery feed: each event (its shape already checked by the bus) is first bound to the
 * source it names (a signature by one of that source's keys over its id and value, else
 * CMDB.DISCOVERY_NOT_AUTHENTICATED with the reason: no producer may speak for another source), then
 * identified and reconciled like the GraphQL mutation, once per (source, record id): a replay within
 * the signature's window finds its receipt and changes nothing. A payload the CMDB refuses (unknown
 * source or class, a value of the wrong type, a source that may not create) is dead-lettered with
 * the code at once: retrying cannot cure it. Only what its kind says a retry may cure (a lost
 * concurrency race) is retried.
 */
@EventConsumer()
export class DiscoveryFeedConsumer {
  private readonly toleranceSeconds: number;

  constructor(
    private readonly reportDiscoveredCi: ReportDiscoveredCiHandler,
    @Inject(CmdbDataModelService) private readonly dataModel: DataModelReader,
    @Inject(DISCOVERY_RECEIPT_STORE) private readonly receipts: DiscoveryReceiptStore,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(CMDB_SETTINGS) settings: CmdbSettings,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {
    this.toleranceSeconds = settings.discoveryToleranceSeconds ?? DEFAULT_DISCOVERY_TOLERANCE_SECONDS;
  }

  @EventPattern(cmdbDiscoveryTopic.name)
  async onDiscovered(@Payload() envelope: DiscoveryEvent, @Ctx() context: EventBusContext): Promise<void> {
    const data = envelope.data;
    try {
      const now = this.clock.now();
      await this.dataModel.withDataModel((dataModel) => {
        const binding = bindDiscoveryRecord(dataModel.source(data.source), context.getEvent().record, Math.floor(now.getTime() / 1000), this.toleranceSeconds);
        if (!binding.ok) {
          throw new CmdbError(CmdbErrorCode.DiscoveryNotAuthenticated, `record ${envelope.id} is not signed by a key of source ${data.source} (${binding.reason})`, { source: data.source, reason: binding.reason });
        }
      });
      if (await this.receipts.applied(data.source, envelope.id)) {
        this.logger.info({ source: data.source, eventId: envelope.id }, 'CMDB discovery: record already applied, replay ignored');
        return;
      }
      const result = await this.reportDiscoveredCi.execute(new ReportDiscoveredCiCommand({ source: data.source, classId: data.classId, attributes: data.attributes, relationships: data.relationships, by: data.by, at: data.at }));
      // After the effect: a crash in between re-applies the same observation once (reconciliation of equal values changes nothing).
      await this.receipts.record(data.source, envelope.id, now, new Date(now.getTime() + 2 * this.toleranceSeconds * 1000));
      if (result.held.length > 0 || result.identificationConflicts.length > 0) {
        this.logger.info({ ciId: result.ci.id, source: data.source, held: result.held, conflicts: result.identificationConflicts }, 'CMDB discovery: some reported values not written');
      }
    } catch (error) {
      if (error instanceof CmdbError && !isRetryableKind(CMDB_ERROR_KINDS[error.code])) {
        this.logger.warn({ code: error.code, source: data.source, classId: data.classId, eventId: envelope.id, details: error.details }, `CMDB discovery item refused: ${error.message}`);
        throw new MessagingError(MessagingErrorCode.HandlerFailed, `${error.code}: ${error.message}`, false);
      }
      throw error;
    }
  }
}
