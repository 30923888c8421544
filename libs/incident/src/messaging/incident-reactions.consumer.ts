import { incidentTopic, problemTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { EventConsumer } from '@itsm/platform/messaging';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ConsiderMajorIncidentCommand } from '../application/commands/consider-major-incident/consider-major-incident.command';
import { ConsiderMajorIncidentHandler } from '../application/commands/consider-major-incident/consider-major-incident.handler';
import { ResolveChildIncidentsCommand } from '../application/commands/resolve-child-incidents/resolve-child-incidents.command';
import { ResolveChildIncidentsHandler } from '../application/commands/resolve-child-incidents/resolve-child-incidents.handler';
import { ResolveIncidentsWaitingOnProblemCommand } from '../application/commands/resolve-incidents-waiting-on-problem/resolve-incidents-waiting-on-problem.command';
import { ResolveIncidentsWaitingOnProblemHandler } from '../application/commands/resolve-incidents-waiting-on-problem/resolve-incidents-waiting-on-problem.handler';

type IncidentEnvelope = EventOf<typeof incidentTopic>;
type ProblemEnvelope = EventOf<typeof problemTopic>;

/**
 * The incident context reacting to its own events, so every cascade is at-least-once, ordered per
 * ticket and idempotent (each target records the event it applied):
 * - a resolved parent resolves its active children (closing does not cascade);
 * - a resolved problem resolves the incidents on hold waiting on it;
 * - an opened, re-prioritised or newly linked incident is checked against the major-incident rules.
 */
@EventConsumer()
export class IncidentReactionsConsumer {
  constructor(
    private readonly resolveChildren: ResolveChildIncidentsHandler,
    private readonly resolveWaitingOnProblem: ResolveIncidentsWaitingOnProblemHandler,
    private readonly considerMajor: ConsiderMajorIncidentHandler,
  ) {}

  @EventPattern(incidentTopic.name)
  async onIncidentEvent(@Payload() envelope: IncidentEnvelope): Promise<void> {
    switch (envelope.type) {
      case 'itsm.incident.resolved.v1':
        return this.resolveChildren.execute(new ResolveChildIncidentsCommand(envelope.subject, envelope.data.resolutionCode, envelope.data.resolutionNotes, envelope));
      case 'itsm.incident.opened.v1':
      case 'itsm.incident.reprioritised.v1':
      case 'itsm.incident.linked.v1':
        return this.considerMajor.execute(new ConsiderMajorIncidentCommand(envelope.subject, envelope));
      default:
        return;
    }
  }

  @EventPattern(problemTopic.name)
  async onProblemEvent(@Payload() envelope: ProblemEnvelope): Promise<void> {
    if (envelope.type !== 'itsm.problem.resolved.v1') return;
    await this.resolveWaitingOnProblem.execute(new ResolveIncidentsWaitingOnProblemCommand(envelope.subject, envelope.data.resolutionNotes, envelope));
  }
}
