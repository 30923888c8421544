import { Clock } from '@itsm/platform/config';
import { PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode } from '../../../domain/change.errors';
import { checkCabSettings, compileCabSchedule } from '../../../domain/cab';
import type { CabMeeting, CabMeetingSettings } from '../../../domain/cab';
import { People } from '../../ports/change-references.port';
import { CabMeetingStore } from '../../ports/cab-stores.port';
import { riskCabIdFor } from '../../risk-cab-ids';
import type { SaveCabMeetingCommand } from './save-cab-meeting.command';

/**
 * Validates and stores a CAB series: its settings and schedule (CHANGE.INVALID_INPUT,
 * INVALID_RECURRENCE, UNKNOWN_TIME_ZONE), its groups live and of kind `cab` (UNKNOWN_GROUP), its
 * people and delegates known and active (UNKNOWN_PERSON); a delegate stands in for a member.
 * Replacing keeps the decisions, minutes and flags. Nothing is written on a refusal.
 */
@Injectable()
export class SaveCabMeetingHandler {
  constructor(
    @Inject(CabMeetingStore) private readonly store: CabMeetingStore,
    @Inject(People) private readonly people: People,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ settings: input, id: chosen, expectedVersion }: SaveCabMeetingCommand): Promise<CabMeeting> {
    const settings = checkCabSettings(input);
    compileCabSchedule(settings.schedule);
    await this.checkReferences(settings);
    const now = this.clock.now();
    if (expectedVersion === undefined) {
      const meeting: CabMeeting = { ...settings, id: riskCabIdFor(chosen), flags: [], occurrences: [], createdAt: now, updatedAt: now, version: 1 };
      await this.store.create(meeting);
      return meeting;
    }
    const id = chosen ?? '';
    const loaded = await this.store.load(id);
    if (loaded === undefined) throw new ChangeError(ChangeErrorCode.MeetingNotFound, `CAB meeting ${id} not found`, { meetingId: id });
    const conflict = new ChangeError(ChangeErrorCode.Conflict, `CAB meeting ${id} changed since version ${expectedVersion}`, { meetingId: id });
    if (loaded.aggregate.version !== expectedVersion) throw conflict;
    const meeting: CabMeeting = { ...loaded.aggregate, ...settings, updatedAt: now, version: loaded.aggregate.version + 1 };
    try {
      await this.store.save(loaded, meeting, []);
    } catch (error) {
      if (error instanceof PersistenceError && error.code === PersistenceErrorCode.Conflict) throw conflict;
      throw error;
    }
    return meeting;
  }

  private async checkReferences(settings: CabMeetingSettings): Promise<void> {
    const groups = await Promise.all(settings.memberGroupIds.map(async (id) => [id, await this.people.group(id)] as const));
    const badGroup = groups.find(([, group]) => group === undefined || group.kind !== 'cab');
    if (badGroup !== undefined) throw new ChangeError(ChangeErrorCode.UnknownGroup, `${badGroup[0]} is not a CAB group`, { field: 'memberGroupIds', groupId: badGroup[0] });
    const delegateIds = settings.delegates.map((d) => d.delegateId);
    const people = await this.people.people([...settings.memberIds, ...delegateIds]);
    const unknown = [...settings.memberIds, ...delegateIds].find((id) => people.get(id)?.active !== true);
    if (unknown !== undefined) throw new ChangeError(ChangeErrorCode.UnknownPerson, `${unknown} is unknown or inactive`, { field: 'memberIds', personId: unknown });
    const members = new Set([...settings.memberIds, ...groups.flatMap(([, group]) => group?.memberIds ?? [])]);
    const stray = settings.delegates.find((d) => !members.has(d.forMemberId));
    if (stray !== undefined) throw new ChangeError(ChangeErrorCode.InvalidInput, `${stray.forMemberId} is not a member of this CAB`, { field: 'delegates', personId: stray.forMemberId });
  }
}
