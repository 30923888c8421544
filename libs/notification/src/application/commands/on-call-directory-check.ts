import { DirectoryProjection } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { NotificationErrorCode, notificationError } from '../../domain';

/** What saving a schedule or a policy requires: the people and groups it names are in the directory projection. */
@Injectable()
export class OnCallDirectoryCheck {
  constructor(private readonly directory: DirectoryProjection) {}

  /** NOTIFICATION.UNKNOWN_RECIPIENT naming every unknown person (`details.personIds`) and group (`details.groupIds`), comma-separated. */
  async requireKnown(personIds: readonly string[], groupIds: readonly string[]): Promise<void> {
    const wantedPeople = [...new Set(personIds)];
    const wantedGroups = [...new Set(groupIds)];
    const [people, groups] = await Promise.all([this.directory.people(wantedPeople), this.directory.groups(wantedGroups)]);
    const unknownPeople = wantedPeople.filter((id) => !people.has(id));
    const unknownGroups = wantedGroups.filter((id) => !groups.has(id));
    if (unknownPeople.length === 0 && unknownGroups.length === 0) return;
    const named = [...unknownPeople.map((id) => `person ${id}`), ...unknownGroups.map((id) => `group ${id}`)].join(', ');
    throw notificationError(NotificationErrorCode.UnknownRecipient, `The directory does not know ${named}`, { personIds: unknownPeople.join(','), groupIds: unknownGroups.join(',') });
  }
}
