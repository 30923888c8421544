import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Incident, Viewer } from '../../../domain';
import { noteKindFor } from '../../../domain';
import { IncidentCommandRunner } from '../../incident-command-runner';
import type { AddIncidentNoteCommand } from './add-incident-note.command';

@Injectable()
export class AddIncidentNoteHandler {
  constructor(private readonly incidents: IncidentCommandRunner) {}

  async execute(viewer: Viewer, command: AddIncidentNoteCommand): Promise<Incident> {
    const note = { kind: 'add-note', noteId: randomUUID(), noteKind: noteKindFor(viewer, command.noteKind), body: command.body } as const;
    return (await this.incidents.runAs(viewer, command.incidentId, note)).aggregate;
  }
}
