import type { CommandOutcome } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import type { Incident, Viewer } from '../../../domain';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { PriorityMatrices } from '../../ports/reference-data.port';
import type { ApplyPriorityMatrixCommand } from './apply-priority-matrix.command';

@Injectable()
export class ApplyPriorityMatrixHandler {
  constructor(
    private readonly incidents: IncidentCommandRunner,
    private readonly matrices: PriorityMatrices,
  ) {}

  /** `changed`: false when the incident's priority is the same under the new matrix. */
  async execute(viewer: Viewer, command: ApplyPriorityMatrixCommand): Promise<CommandOutcome<Incident>> {
    const { matrix } = await this.matrices.priorityMatrix();
    return this.incidents.runAs(viewer, command.incidentId, { kind: 'apply-matrix', matrix });
  }
}
