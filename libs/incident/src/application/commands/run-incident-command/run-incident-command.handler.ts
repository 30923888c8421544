import type { EventEnvelope } from '@itsm/contracts';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Incident, IncidentCommand, Viewer } from '../../../domain';
import { assertMayRun, executeIncident, IncidentError, IncidentErrorCode, noteKindFor } from '../../../domain';
import { IncidentRepository } from '../../../persistence/incident.repository';
import { ReferenceDataRepository } from '../../../persistence/reference-data.repository';
import { Clock } from '../../clock';
import { retryOnConflict } from '../../retry-on-conflict';
import type { IncidentCommandRequest } from './incident-command-request';

/**
 * Every lifecycle action on one incident: look up what the command refers to, check the viewer may
 * run it, decide the events, and write state + events in one document update. A concurrent writer
 * makes the write miss its version: the command is decided again on the fresh state.
 */
@Injectable()
export class RunIncidentCommandHandler {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly referenceData: ReferenceDataRepository,
    private readonly clock: Clock,
  ) {}

  /** `consumed`: the event this command reacts to (cascades), recorded so a redelivery changes nothing. */
  async execute(viewer: Viewer, incidentId: string, request: IncidentCommandRequest, consumed?: EventEnvelope): Promise<Incident> {
    return (await this.run(viewer, incidentId, request, consumed)).incident;
  }

  /** Like `execute`, and tells whether the command changed the incident (it may be a no-op). */
  run(viewer: Viewer, incidentId: string, request: IncidentCommandRequest, consumed?: EventEnvelope): Promise<{ incident: Incident; changed: boolean }> {
    return retryOnConflict(`incident ${incidentId}`, async () => {
      const loaded = await this.incidents.load(incidentId);
      if (!loaded) throw new IncidentError(IncidentErrorCode.NotFound, `incident ${incidentId} not found`);
      const command = await this.resolve(viewer, loaded.aggregate, request);
      assertMayRun(viewer, loaded.aggregate, command);
      const { incident, events } = executeIncident(loaded.aggregate, command, { by: viewer.userId, at: this.clock.now() });
      if (events.length === 0) return { incident: loaded.aggregate, changed: false };
      const result = await this.incidents.save(loaded, incident, events, consumed);
      return result.status === 'saved' ? { incident, changed: true } : { incident: loaded.aggregate, changed: false };
    });
  }

  private async resolve(viewer: Viewer, incident: Incident, request: IncidentCommandRequest): Promise<IncidentCommand> {
    switch (request.kind) {
      case 'assign': {
        const group = await this.referenceData.group(request.groupId);
        if (!group) throw new IncidentError(IncidentErrorCode.UnknownGroup, `assignment group ${request.groupId} does not exist`);
        return { kind: 'assign', group, assigneeId: request.assigneeId };
      }
      case 'resume':
        return { kind: 'resume', trigger: 'manual' };
      case 'resolve':
        return { kind: 'resolve', code: request.code, notes: request.notes, cause: request.cause ?? 'manual', causeId: request.causeId ?? null };
      case 'close':
        return { kind: 'close', automatic: request.automatic ?? false };
      case 'change-impact-urgency':
        return { ...request, matrix: (await this.referenceData.priorityMatrix()).matrix };
      case 'apply-matrix':
        return { kind: 'apply-matrix', matrix: (await this.referenceData.priorityMatrix()).matrix };
      case 'add-note':
        return { kind: 'add-note', noteId: randomUUID(), noteKind: noteKindFor(viewer, request.noteKind), body: request.body };
      case 'set-parent': {
        if (request.parentId === null) return { kind: 'set-parent', parent: null, hasChildren: false };
        const parent = (await this.incidents.load(request.parentId))?.aggregate;
        if (!parent) throw new IncidentError(IncidentErrorCode.InvalidParent, `parent incident ${request.parentId} not found`);
        return { kind: 'set-parent', parent, hasChildren: await this.incidents.hasChildren(incident.id) };
      }
      case 'start-work':
      case 'put-on-hold':
      case 'reopen':
      case 'cancel':
      case 'link':
      case 'unlink':
      case 'propose-major':
      case 'promote-major':
      case 'decline-major':
        return request;
    }
  }
}
