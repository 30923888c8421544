import { Injectable } from '@nestjs/common';
import type { Viewer } from '../../../domain';
import { IncidentError, IncidentErrorCode, toPriorityMatrix } from '../../../domain';
import type { PriorityMatrixSetting } from '../../../persistence/reference-data.repository';
import { Clock } from '../../clock';
import { IncidentSelections } from '../../ports/incident-store.port';
import { PriorityMatrices } from '../../ports/reference-data.port';
import { SYSTEM_VIEWER } from '../../system-viewer';
import { ApplyPriorityMatrixCommand } from '../apply-priority-matrix/apply-priority-matrix.command';
import { ApplyPriorityMatrixHandler } from '../apply-priority-matrix/apply-priority-matrix.handler';
import type { UpdatePriorityMatrixCommand } from './update-priority-matrix.command';

@Injectable()
export class UpdatePriorityMatrixHandler {
  constructor(
    private readonly matrices: PriorityMatrices,
    private readonly selections: IncidentSelections,
    private readonly applyMatrix: ApplyPriorityMatrixHandler,
    private readonly clock: Clock,
  ) {}

  async execute(viewer: Viewer, command: UpdatePriorityMatrixCommand): Promise<{ setting: PriorityMatrixSetting; reprioritised: number }> {
    if (!viewer.roles.includes('admin')) throw new IncidentError(IncidentErrorCode.Forbidden, 'only admins edit the priority matrix');
    const matrix = toPriorityMatrix(command.cells);
    const replaced = await this.matrices.replacePriorityMatrix(matrix, command.expectedVersion, viewer.userId, this.clock.now());
    if (!replaced) throw new IncidentError(IncidentErrorCode.Conflict, 'the priority matrix changed since you loaded it; reload and edit again');
    let reprioritised = 0;
    if (command.reprioritise) {
      for (const id of await this.selections.activeIds()) {
        const outcome = await this.applyMatrix.execute({ ...SYSTEM_VIEWER, userId: viewer.userId }, new ApplyPriorityMatrixCommand(id)).catch((error: unknown) => {
          // Resolved or closed since it was listed: no longer re-prioritised.
          if (error instanceof IncidentError) return undefined;
          throw error;
        });
        if (outcome?.changed) reprioritised += 1;
      }
    }
    return { setting: await this.matrices.priorityMatrix(), reprioritised };
  }
}
