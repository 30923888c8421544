import { cmdbTopic } from '@itsm/contracts';
import { consumeWithCodedErrors, EventConsumer } from '@itsm/platform/messaging';
import type { CmdbEvent } from '@itsm/platform/persistence';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ProjectCmdbEventCommand } from '../application/commands/project-cmdb-event/project-cmdb-event.command';
import { ProjectCmdbEventHandler } from '../application/commands/project-cmdb-event/project-cmdb-event.handler';
import { CATALOGUE_ERROR_KINDS } from '../domain';

/**
 * Follows the CMDB (its payloads checked by the bus) into the catalogue's CIs. An event the
 * projection refuses is dead-lettered with its code at once; anything else is retried.
 */
@EventConsumer()
export class CmdbEventsConsumer {
  constructor(private readonly project: ProjectCmdbEventHandler) {}

  @EventPattern(cmdbTopic.name)
  onCmdbEvent(@Payload() envelope: CmdbEvent): Promise<void> {
    return consumeWithCodedErrors(CATALOGUE_ERROR_KINDS, () => this.project.execute(new ProjectCmdbEventCommand(envelope)));
  }
}
