import type { NoteKind } from '../../../domain';

/** Adds a comment (seen by everyone who sees the incident) or a work note (internal staff only). */
export class AddIncidentNoteCommand {
  constructor(
    readonly incidentId: string,
    readonly noteKind: NoteKind,
    readonly body: string,
  ) {}
}
