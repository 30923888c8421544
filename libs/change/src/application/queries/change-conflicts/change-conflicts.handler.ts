import { Inject, Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode, mayAccess } from '../../../domain';
import type { Change, ChangeConflict, ChangeViewer, ConflictSubject } from '../../../domain';
import { ChangeAccessService } from '../../change-access.service';
import { ChangeCalendarService } from '../../calendar/change-calendar.service';
import { ChangeScheduleService } from '../../calendar/change-schedule.service';
import { checkConflicts } from '../../conflicts/conflict-graph';
import { ChangeReads } from '../../ports/change-store.port';
import { ConfigurationItems } from '../../ports/change-references.port';
import type { ChangeConflictsQuery } from './change-conflicts.query';

/** What the conflict checks read of a change. */
export type ConflictingChange = Pick<Change, 'id' | 'configurationItemIds' | 'serviceIds' | 'assigneeId' | 'planned'>;

export function conflictSubject(change: ConflictingChange): ConflictSubject {
  return { changeId: change.id, configurationItemIds: change.configurationItemIds, serviceIds: change.serviceIds, assigneeId: change.assigneeId };
}

/** A change the viewer may see (CHANGE.NOT_FOUND otherwise: no existence leak). */
export async function visibleChange(reads: ChangeReads, access: ChangeAccessService, viewer: ChangeViewer, changeId: string): Promise<Change> {
  const change = await reads.byId(changeId);
  if (change === undefined || !mayAccess(viewer, change, 'view', await access.inGroup(viewer, change.assignmentGroupId))) {
    throw new ChangeError(ChangeErrorCode.NotFound, `change ${changeId} not found`, { changeId });
  }
  return change;
}

/**
 * The conflicts of a change's planned window against the schedule index, the calendar and the CI
 * graph of the CMDB projection (none without a planned window): same CI or one relationship away,
 * outside maintenance windows, inside a blackout, assignee busy.
 */
@Injectable()
export class ChangeConflictsHandler {
  constructor(
    @Inject(ChangeReads) private readonly reads: ChangeReads,
    @Inject(ChangeAccessService) private readonly access: ChangeAccessService,
    @Inject(ConfigurationItems) private readonly cis: ConfigurationItems,
    @Inject(ChangeCalendarService) private readonly calendar: ChangeCalendarService,
    @Inject(ChangeScheduleService) private readonly schedule: ChangeScheduleService,
  ) {}

  async execute(viewer: ChangeViewer, query: ChangeConflictsQuery): Promise<ChangeConflict[]> {
    return this.of(await visibleChange(this.reads, this.access, viewer, query.changeId));
  }

  /** For a change already read (and visible): `Change.conflicts`. */
  async of(change: ConflictingChange): Promise<ChangeConflict[]> {
    if (change.planned === null) return [];
    const check = { cis: this.cis, schedule: await this.schedule.index(), calendar: await this.calendar.calendar() };
    return checkConflicts(check, conflictSubject(change), { start: change.planned.start.getTime(), end: change.planned.end.getTime() });
  }
}
