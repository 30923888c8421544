import { cmdbTopic } from '@itsm/contracts';
import { consumeWithCodedErrors, EventConsumer } from '@itsm/platform/messaging';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DetectUnauthorisedChangeCommand } from '../application/commands/detect-unauthorised-change/detect-unauthorised-change.command';
import { DetectUnauthorisedChangeHandler } from '../application/commands/detect-unauthorised-change/detect-unauthorised-change.handler';
import { ProjectCmdbEventCommand } from '../application/commands/project-cmdb-event/project-cmdb-event.command';
import { ProjectCmdbEventHandler } from '../application/commands/project-cmdb-event/project-cmdb-event.handler';
import type { CmdbEvent } from '../application/projections/cmdb-change';
import { CHANGE_ERROR_KINDS } from '../domain';

/**
 * Follows the CMDB (its payloads checked by the bus) into the change context's CIs and
 * relationships (reference checks, conflicts one relationship away), then checks a CI update
 * against the implementing changes (unauthorised changes by discovery). Both steps are idempotent,
 * so a retried event changes nothing twice. An event refused with a code is dead-lettered at once.
 */
@EventConsumer()
export class CmdbEventsConsumer {
  constructor(
    private readonly project: ProjectCmdbEventHandler,
    private readonly detect: DetectUnauthorisedChangeHandler,
  ) {}

  @EventPattern(cmdbTopic.name)
  onCmdbEvent(@Payload() envelope: CmdbEvent): Promise<void> {
    return consumeWithCodedErrors(CHANGE_ERROR_KINDS, async () => {
      await this.project.execute(new ProjectCmdbEventCommand(envelope));
      if (envelope.type === 'itsm.cmdb.ci-updated.v1') await this.detect.execute(new DetectUnauthorisedChangeCommand(envelope));
    });
  }
}
