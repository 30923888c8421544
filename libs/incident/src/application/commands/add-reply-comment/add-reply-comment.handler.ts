import { Injectable } from '@nestjs/common';
import { assertMayRun, IncidentError, IncidentErrorCode } from '../../../domain';
import type { IncidentCommand } from '../../../domain';
import { IncidentCommandRunner } from '../../incident-command-runner';
import type { AddReplyCommentCommand } from './add-reply-comment.command';
import { ActingPeople } from '../../ports/acting-people.port';
import { actingViewer } from '../../acting-viewer';

/**
 * Adds a notification reply as the replying person's comment (the note's id is the reply's id, so a
 * redelivered reply finds its note and changes nothing). The person acts under the incident's
 * access policy (`actingViewer`, then `assertMayRun` as for the portal): one who sees the incident
 * but may not comment is INCIDENT.FORBIDDEN; an unknown or deactivated person, and one who may not
 * see it (not its caller, not staff, a supplier not assigned), INCIDENT.NOT_FOUND, as an unknown
 * incident is: an outsider gets one answer whether the incident exists or not (the catalogue's
 * request replies answer the same). The consumer dead-letters each with its code.
 */
@Injectable()
export class AddReplyCommentHandler {
  constructor(
    private readonly incidents: IncidentCommandRunner,
    private readonly authors: ActingPeople,
  ) {}

  async execute(command: AddReplyCommentCommand): Promise<boolean> {
    const person = await this.authors.person(command.personId);
    if (person === undefined || !person.active) throw new IncidentError(IncidentErrorCode.NotFound, `No active person ${command.personId}.`, { personId: command.personId });
    const [groups, organisations] = await Promise.all([this.authors.listGroups(), this.authors.listOrganisations()]);
    const viewer = actingViewer(person, groups, organisations);
    const note: IncidentCommand = { kind: 'add-note', noteId: command.replyId, noteKind: 'comment', body: command.body };
    const outcome = await this.incidents.run(command.incidentId, {
      authorise: (current) => assertMayRun(viewer, current, note),
      decide: (current) => (current.notes.some((existing) => existing.id === command.replyId) ? { aggregate: current, events: [] } : this.incidents.decide(viewer, current, note)),
    });
    return outcome.changed;
  }
}
