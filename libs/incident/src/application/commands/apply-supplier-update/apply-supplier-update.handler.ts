import { Injectable } from '@nestjs/common';
import type { Decision } from '@itsm/platform/persistence';
import { assertMayRun, assignableGroup, canView, IncidentError, IncidentErrorCode } from '../../../domain';
import type { GroupRef, Incident, IncidentEvent, Viewer } from '../../../domain';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { AssignmentGroups } from '../../ports/reference-data.port';
import { ActingPeople } from '../../ports/acting-people.port';
import { actingViewer } from '../../acting-viewer';
import type { ApplySupplierUpdateCommand } from './apply-supplier-update.command';
import { handBackGroupId, supplierUpdateCommands } from './supplier-update-commands';

/**
 * Applies a verified supplier update to its incident as the supplier's agent (the directory person
 * the supplier acts as), under the incident's access policy exactly as that person through GraphQL:
 * who they are comes from this context's directory projection (`actingViewer`: a member of a
 * supplier's group is that supplier's agent, who sees and works only incidents assigned to its
 * organisation), then `assertMayRun` for each domain command. An unknown or deactivated agent, and
 * one who may not see the incident, is INCIDENT.NOT_FOUND as an unknown incident is; a command the
 * agent may not run INCIDENT.FORBIDDEN; a transition the incident can no longer take
 * INCIDENT.ILLEGAL_TRANSITION: the consumer dead-letters each with its code.
 *
 * A rejection hands the ticket back to the group it came from (unassigned within it), by the agent:
 * the one assignment a supplier agent makes outside its organisation, and only of a ticket its
 * organisation holds (`canView` first). A group gone or no longer assignable keeps the ticket where it
 * is, with the rejection comment for the service desk.
 *
 * The update's envelope is recorded with the write (the inbox: one stream per supplier and ticket),
 * so a redelivery changes nothing; the events the write emits carry its id as `causationid` (the
 * consumer's correlation context), which is how the exchange knows not to send them back to this supplier.
 */
@Injectable()
export class ApplySupplierUpdateHandler {
  constructor(
    private readonly incidents: IncidentCommandRunner,
    private readonly people: ActingPeople,
    private readonly groups: AssignmentGroups,
  ) {}

  /** True when the incident changed (false: a redelivery, or nothing left to do). */
  async execute(command: ApplySupplierUpdateCommand): Promise<boolean> {
    const { update } = command;
    const viewer = await this.agentOf(update.data.agentId);
    const outcome = await this.incidents.run(update.data.ticketId, {
      authorise: (current) => {
        if (!canView(viewer, current)) throw new IncidentError(IncidentErrorCode.NotFound, `incident ${update.data.ticketId} not found`);
      },
      decide: (current) => this.decide(viewer, current, command),
      consumed: update,
    });
    return outcome.changed;
  }

  private async agentOf(agentId: string): Promise<Viewer> {
    const person = await this.people.person(agentId);
    if (person === undefined || !person.active) throw new IncidentError(IncidentErrorCode.NotFound, `No active person ${agentId}.`, { personId: agentId });
    const [groups, organisations] = await Promise.all([this.people.listGroups(), this.people.listOrganisations()]);
    return actingViewer(person, groups, organisations);
  }

  private async decide(viewer: Viewer, current: Incident, { update }: ApplySupplierUpdateCommand): Promise<Decision<Incident, IncidentEvent>> {
    let aggregate = current;
    const events: IncidentEvent[] = [];
    for (const step of supplierUpdateCommands(current, update.data, update.id)) {
      assertMayRun(viewer, aggregate, step);
      const decided = this.incidents.decide(viewer, aggregate, step);
      aggregate = decided.aggregate;
      events.push(...decided.events);
    }
    const handBack = await this.handBackGroup(current, update.data);
    if (handBack !== null) {
      const decided = this.incidents.decide(viewer, aggregate, { kind: 'assign', group: handBack, assigneeId: null });
      aggregate = decided.aggregate;
      events.push(...decided.events);
    }
    return { aggregate, events };
  }

  private async handBackGroup(current: Incident, update: ApplySupplierUpdateCommand['update']['data']): Promise<GroupRef | null> {
    const groupId = handBackGroupId(current, update);
    if (groupId === null) return null;
    try {
      return assignableGroup(groupId, await this.groups.group(groupId));
    } catch (error) {
      if (error instanceof IncidentError && (error.code === IncidentErrorCode.UnknownGroup || error.code === IncidentErrorCode.GroupNotAssignable)) return null;
      throw error;
    }
  }
}
