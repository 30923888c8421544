import { Injectable } from '@nestjs/common';
import type { Incident, IncidentCommand, Viewer } from '../../../domain';
import { IncidentError, IncidentErrorCode } from '../../../domain';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { IncidentSelections, IncidentStore } from '../../ports/incident-store.port';
import type { SetIncidentParentCommand } from './set-incident-parent.command';

@Injectable()
export class SetIncidentParentHandler {
  constructor(
    private readonly incidents: IncidentCommandRunner,
    private readonly store: IncidentStore,
    private readonly selections: IncidentSelections,
  ) {}

  async execute(viewer: Viewer, command: SetIncidentParentCommand): Promise<Incident> {
    return (await this.incidents.runAs(viewer, command.incidentId, await this.setParent(command))).aggregate;
  }

  /** The parent as the one-level hierarchy rule needs it (the domain refuses grandchildren and cycles). */
  private async setParent({ incidentId, parentId }: SetIncidentParentCommand): Promise<IncidentCommand> {
    if (parentId === null) return { kind: 'set-parent', parent: null, hasChildren: false };
    const parent = (await this.store.load(parentId))?.aggregate;
    if (!parent) throw new IncidentError(IncidentErrorCode.InvalidParent, `parent incident ${parentId} not found`);
    return { kind: 'set-parent', parent, hasChildren: await this.selections.hasChildren(incidentId) };
  }
}
