import { incidentTopic, problemTopic } from '@itsm/contracts';
import type { EventEnvelope, EventOf } from '@itsm/contracts';
import { EventConsumer } from '@itsm/platform/messaging';
import { Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { RunIncidentCommandHandler } from '../application/commands/run-incident-command/run-incident-command.handler';
import { Clock } from '../application/clock';
import { INCIDENT_SETTINGS } from '../application/incident-tokens';
import type { IncidentSettings } from '../application/incident-tokens';
import { SYSTEM_VIEWER } from '../application/system-viewer';
import type { IncidentCluster } from '../domain';
import { IncidentError, IncidentErrorCode, majorIncidentReasons } from '../domain';
import { IncidentRepository } from '../persistence/incident.repository';

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
    private readonly incidents: IncidentRepository,
    private readonly commands: RunIncidentCommandHandler,
    private readonly clock: Clock,
    @Inject(INCIDENT_SETTINGS) private readonly settings: IncidentSettings,
  ) {}

  @EventPattern(incidentTopic.name)
  async onIncidentEvent(@Payload() envelope: IncidentEnvelope): Promise<void> {
    switch (envelope.type) {
      case 'itsm.incident.resolved.v1': {
        const parent = await this.incidents.load(envelope.subject);
        const number = parent?.aggregate.number ?? envelope.subject;
        for (const childId of await this.incidents.activeChildren(envelope.subject)) {
          await this.apply(childId, envelope, {
            kind: 'resolve',
            code: envelope.data.resolutionCode,
            notes: `Resolved with parent incident ${number}: ${envelope.data.resolutionNotes}`,
            cause: 'parent',
            causeId: envelope.subject,
          });
        }
        return;
      }
      case 'itsm.incident.opened.v1':
      case 'itsm.incident.reprioritised.v1':
      case 'itsm.incident.linked.v1':
        return this.considerMajor(envelope);
      default:
        return;
    }
  }

  @EventPattern(problemTopic.name)
  async onProblemEvent(@Payload() envelope: ProblemEnvelope): Promise<void> {
    if (envelope.type !== 'itsm.problem.resolved.v1') return;
    for (const incidentId of await this.incidents.waitingOnProblem(envelope.subject)) {
      await this.apply(incidentId, envelope, {
        kind: 'resolve',
        code: 'solved-by-problem',
        notes: `Resolved by problem fix: ${envelope.data.resolutionNotes}`,
        cause: 'problem',
        causeId: envelope.subject,
      });
    }
  }

  private async considerMajor(envelope: IncidentEnvelope): Promise<void> {
    const incident = (await this.incidents.load(envelope.subject))?.aggregate;
    if (!incident || incident.major !== 'none') return;
    const rules = this.settings.majorIncidentRules;
    const since = new Date(this.clock.now().getTime() - rules.clusterWindowMinutes * 60_000);
    const clusters: IncidentCluster[] = [];
    for (const serviceId of incident.serviceIds) {
      clusters.push({ kind: 'service', targetId: serviceId, count: await this.incidents.countActiveOn('service', serviceId, since) });
    }
    for (const ciId of incident.configurationItemIds) {
      clusters.push({ kind: 'configuration_item', targetId: ciId, count: await this.incidents.countActiveOn('configuration_item', ciId, since) });
    }
    const reasons = majorIncidentReasons(incident, clusters, rules);
    if (reasons.length > 0) await this.apply(incident.id, envelope, { kind: 'propose-major', reasons });
  }

  /** Runs a system command on one incident; a transition no longer possible (already resolved, closed) is skipped. */
  private async apply(incidentId: string, cause: EventEnvelope, request: Parameters<RunIncidentCommandHandler['execute']>[2]): Promise<void> {
    try {
      await this.commands.execute(SYSTEM_VIEWER, incidentId, request, cause);
    } catch (error) {
      const moot = error instanceof IncidentError && (error.code === IncidentErrorCode.IllegalTransition || error.code === IncidentErrorCode.NotFound);
      if (!moot) throw error;
    }
  }
}
