import { Injectable } from '@nestjs/common';
import type { Viewer } from '../../../domain';
import { IncidentError, IncidentErrorCode, toPriorityMatrix } from '../../../domain';
import { IncidentRepository } from '../../../persistence/incident.repository';
import { ReferenceDataRepository } from '../../../persistence/reference-data.repository';
import type { PriorityMatrixSetting } from '../../../persistence/reference-data.repository';
import { Clock } from '../../clock';
import { SYSTEM_VIEWER } from '../../system-viewer';
import { RunIncidentCommandHandler } from '../run-incident-command/run-incident-command.handler';

export interface UpdatePriorityMatrixCommand {
  readonly cells: readonly (readonly number[])[];
  /** The version the admin edited (optimistic concurrency between two admins). */
  readonly expectedVersion: number;
  /** Re-prioritise active incidents under the new matrix; otherwise only new changes use it. */
  readonly reprioritise: boolean;
}

@Injectable()
export class UpdatePriorityMatrixHandler {
  constructor(
    private readonly referenceData: ReferenceDataRepository,
    private readonly incidents: IncidentRepository,
    private readonly commands: RunIncidentCommandHandler,
    private readonly clock: Clock,
  ) {}

  async execute(viewer: Viewer, command: UpdatePriorityMatrixCommand): Promise<{ setting: PriorityMatrixSetting; reprioritised: number }> {
    if (!viewer.roles.includes('admin')) throw new IncidentError(IncidentErrorCode.Forbidden, 'only admins edit the priority matrix');
    const matrix = toPriorityMatrix(command.cells);
    const replaced = await this.referenceData.replacePriorityMatrix(matrix, command.expectedVersion, viewer.userId, this.clock.now());
    if (!replaced) throw new IncidentError(IncidentErrorCode.Conflict, 'the priority matrix changed since you loaded it; reload and edit again');
    let reprioritised = 0;
    if (command.reprioritise) {
      for (const id of await this.incidents.activeIds()) {
        const outcome = await this.commands.run({ ...SYSTEM_VIEWER, userId: viewer.userId }, id, { kind: 'apply-matrix' }).catch((error: unknown) => {
          // Resolved or closed since it was listed: no longer re-prioritised.
          if (error instanceof IncidentError) return undefined;
          throw error;
        });
        if (outcome?.changed) reprioritised += 1;
      }
    }
    return { setting: await this.referenceData.priorityMatrix(), reprioritised };
  }
}
