import { directoryTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { consumeWithCodedErrors, EventConsumer } from '@itsm/platform/messaging';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { FollowCallerTimeZoneCommand } from '../application/commands/follow-caller-time-zone/follow-caller-time-zone.command';
import { FollowCallerTimeZoneHandler } from '../application/commands/follow-caller-time-zone/follow-caller-time-zone.handler';
import { SLA_ERROR_KINDS } from '../domain';

/**
 * Follows the people directory's person events (validated by the bus) into callers' time zones;
 * organisation and group events say nothing the SLA engine uses. An event refused as invalid is
 * dead-lettered at once; a zone this engine's zone data does not know clears the caller's (logged).
 */
@EventConsumer()
export class DirectoryEventsConsumer {
  constructor(
    private readonly follow: FollowCallerTimeZoneHandler,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern(directoryTopic.name)
  async onDirectoryEvent(@Payload() envelope: EventOf<typeof directoryTopic>): Promise<void> {
    switch (envelope.type) {
      case 'itsm.directory.person-created.v1':
      case 'itsm.directory.person-updated.v1':
      case 'itsm.directory.person-deactivated.v1':
      case 'itsm.directory.person-reactivated.v1':
      case 'itsm.directory.person-deleted.v1':
        break;
      default:
        return;
    }
    await consumeWithCodedErrors(SLA_ERROR_KINDS, async () => {
      const { caller } = await this.follow.execute(new FollowCallerTimeZoneCommand(envelope));
      if (caller.unknownZone !== null) {
        this.logger.warn({ personId: caller.personId, timeZone: caller.unknownZone, sequence: envelope.sequence }, "SLA: the directory names a time zone this engine's zone data does not know; the caller's zone is cleared");
      }
    });
  }
}
