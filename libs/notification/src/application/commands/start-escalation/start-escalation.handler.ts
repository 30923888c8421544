import { objectIdFromKey } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { NotificationErrorCode, notificationError } from '../../../domain';
import { startEscalation } from '../../../domain/escalation/escalation';
import type { EscalationLevel } from '../../../domain/escalation/escalation-policy';
import { EscalationTargets } from '../../escalation-targets';
import { EscalationStore } from '../../ports/escalation-store.port';
import { Escalations } from '../../ports/escalations.port';
import type { StartedEscalation, StartEscalationRequest } from '../../ports/escalations.port';
import { EscalationPolicyStore } from '../../ports/on-call-stores.port';

/**
 * Starts an escalation of a ticket under a policy: level 1's targets resolved now, the escalation
 * written with escalation-started (its consumer pages them and arms the timer). The id derives
 * from (key, ticket, policy): a repeated start is the same escalation; and while one of the ticket
 * and policy runs, starting again answers it.
 */
@Injectable()
export class StartEscalationHandler extends Escalations {
  constructor(
    private readonly escalations: EscalationStore,
    private readonly policies: EscalationPolicyStore,
    private readonly targets: EscalationTargets,
  ) {
    super();
  }

  async start(request: StartEscalationRequest, now: number): Promise<StartedEscalation> {
    const { ticket, policyId } = request;
    const id = objectIdFromKey('escalation', request.key, ticket.topic, ticket.id, policyId).toHexString();
    const existing = await this.existing(id, ticket.topic, ticket.id, policyId);
    if (existing !== null) return { escalationId: existing, started: false };
    const policy = await this.policies.byId(policyId);
    if (policy === null) throw notificationError(NotificationErrorCode.NotFound, `No escalation policy ${policyId}`, { policyId });
    const personIds = await this.targets.resolve(policy.levels[0] as EscalationLevel, request.groupId, now);
    const { aggregate: escalation, events } = startEscalation({ id, policy, ticket, groupId: request.groupId, personIds, by: request.by, now });
    if (await this.escalations.create(escalation, events)) return { escalationId: id, started: true };
    // Another replica (or a start of another key) won the race.
    const winner = await this.existing(id, ticket.topic, ticket.id, policyId);
    if (winner === null) throw notificationError(NotificationErrorCode.Conflict, `Escalation of ${ticket.id} under ${policyId} kept changing; try again`, { policyId, ticketId: ticket.id });
    return { escalationId: winner, started: false };
  }

  private async existing(id: string, ticketTopic: string, ticketId: string, policyId: string): Promise<string | null> {
    if ((await this.escalations.load(id)) !== undefined) return id;
    return (await this.escalations.runningFor(ticketTopic, ticketId, policyId))?.id ?? null;
  }
}
