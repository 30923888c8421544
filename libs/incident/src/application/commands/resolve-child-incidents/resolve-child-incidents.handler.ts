import { Injectable } from '@nestjs/common';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { IncidentSelections, IncidentStore } from '../../ports/incident-store.port';
import { reactOn } from '../../system-reaction';
import type { ResolveChildIncidentsCommand } from './resolve-child-incidents.command';

@Injectable()
export class ResolveChildIncidentsHandler {
  constructor(
    private readonly incidents: IncidentCommandRunner,
    private readonly store: IncidentStore,
    private readonly selections: IncidentSelections,
  ) {}

  async execute(command: ResolveChildIncidentsCommand): Promise<void> {
    const number = (await this.store.load(command.parentId))?.aggregate.number ?? command.parentId;
    for (const childId of await this.selections.activeChildren(command.parentId)) {
      const notes = `Resolved with parent incident ${number}: ${command.resolutionNotes}`;
      await reactOn(this.incidents, childId, { kind: 'resolve', code: command.resolutionCode, notes, cause: 'parent', causeId: command.parentId }, command.resolved);
    }
  }
}
