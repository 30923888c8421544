import type { Principal } from '@itsm/platform/auth';
import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import { changeImprovementStatus, reportingError, ReportingErrorCode } from '../../../domain';
import type { Improvement, ImprovementStatus } from '../../../domain';
import { assertMayChange } from '../../improvement-access';
import { ImprovementStore } from '../../improvement-store.port';

/** Moves an initiative along its lifecycle (proposed, approved, in progress, completed; or abandoned), at the version the caller read. */
@Injectable()
export class SetImprovementStatusHandler {
  constructor(
    private readonly store: ImprovementStore,
    private readonly clock: Clock,
  ) {}

  async execute(reader: Principal, id: string, status: ImprovementStatus, expectedVersion: number): Promise<Improvement> {
    const found = await this.store.find(id);
    if (found === null) throw reportingError(ReportingErrorCode.NotFound, `no improvement initiative ${id}`, { improvementId: id });
    assertMayChange(reader, found);
    if (found.version !== expectedVersion) throw reportingError(ReportingErrorCode.Conflict, `initiative ${id} changed since version ${expectedVersion} (now ${found.version}): read it again`, { improvementId: id, version: found.version });
    const changed = { ...changeImprovementStatus(found, status, reader.userId, this.clock.now().getTime()), version: found.version + 1 };
    if (!(await this.store.save(changed))) throw reportingError(ReportingErrorCode.Conflict, `initiative ${id} changed meanwhile: read it again`, { improvementId: id });
    return changed;
  }
}
