import { Injectable } from '@nestjs/common';
import { mayAccess } from '../../../domain';
import type { Change, ChangeViewer } from '../../../domain';
import { ChangeAccessService } from '../../change-access.service';
import { ChangeReads } from '../../ports/change-store.port';
import type { FindChangeQuery } from './find-change.query';

/** A change the viewer may see, else undefined (no existence leak). */
@Injectable()
export class FindChangeHandler {
  constructor(
    private readonly reads: ChangeReads,
    private readonly access: ChangeAccessService,
  ) {}

  async execute(viewer: ChangeViewer, query: FindChangeQuery): Promise<Change | undefined> {
    const change = 'id' in query.key ? await this.reads.byId(query.key.id) : await this.reads.byNumber(query.key.number);
    if (change === undefined) return undefined;
    return mayAccess(viewer, change, 'view', await this.access.inGroup(viewer, change.assignmentGroupId)) ? change : undefined;
  }
}
