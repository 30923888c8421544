import { Injectable } from '@nestjs/common';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { IncidentSelections } from '../../ports/incident-store.port';
import { reactOn } from '../../system-reaction';
import type { ResolveIncidentsWaitingOnProblemCommand } from './resolve-incidents-waiting-on-problem.command';

@Injectable()
export class ResolveIncidentsWaitingOnProblemHandler {
  constructor(
    private readonly incidents: IncidentCommandRunner,
    private readonly selections: IncidentSelections,
  ) {}

  async execute(command: ResolveIncidentsWaitingOnProblemCommand): Promise<void> {
    const notes = `Resolved by problem fix: ${command.resolutionNotes}`;
    for (const incidentId of await this.selections.waitingOnProblem(command.problemId)) {
      await reactOn(this.incidents, incidentId, { kind: 'resolve', code: 'solved-by-problem', notes, cause: 'problem', causeId: command.problemId }, command.resolved);
    }
  }
}
