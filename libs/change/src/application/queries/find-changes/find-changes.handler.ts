import { Injectable } from '@nestjs/common';
import { changeScope, invalid } from '../../../domain';
import type { ChangeViewer } from '../../../domain';
import { ChangeAccessService } from '../../change-access.service';
import { ChangeReads } from '../../ports/change-store.port';
import type { ChangePage } from '../../ports/change-store.port';
import type { FindChangesQuery } from './find-changes.query';

export const MAX_CHANGES_PAGE = 100;

/** The changes the viewer may list (their scope), filtered. */
@Injectable()
export class FindChangesHandler {
  constructor(
    private readonly reads: ChangeReads,
    private readonly access: ChangeAccessService,
  ) {}

  async execute(viewer: ChangeViewer, query: FindChangesQuery): Promise<ChangePage> {
    const { filter } = query;
    if (!Number.isInteger(query.first) || query.first < 1 || query.first > MAX_CHANGES_PAGE) throw invalid('first', `1 to ${MAX_CHANGES_PAGE}`);
    if (filter.plannedFrom !== undefined && filter.plannedTo !== undefined && filter.plannedTo.getTime() <= filter.plannedFrom.getTime()) {
      throw invalid('plannedTo', 'must be after plannedFrom');
    }
    const group = filter.assignmentGroupId === undefined ? undefined : { id: filter.assignmentGroupId, member: await this.access.inGroup(viewer, filter.assignmentGroupId) };
    return this.reads.list(changeScope(viewer, group), filter, query.first, query.afterSeq);
  }
}
