import type { Principal } from '@itsm/platform/auth';
import { hasRole } from '@itsm/platform/auth';
import { DirectoryProjection } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { NotificationErrorCode, notificationError } from '../../domain';
import { PersonRefs } from '../person-refs';

/** Whose preferences a caller may read and change: their own; a notification admin anyone's the directory knows. */
@Injectable()
export class PreferenceAccess {
  constructor(
    private readonly directory: DirectoryProjection,
    private readonly personRefs: PersonRefs,
  ) {}

  /** The person `caller` acts on (`personId`, else the caller as the directory knows them); throws FORBIDDEN or NOT_FOUND. */
  async personFor(caller: Principal, personId: string | null): Promise<string> {
    const self = await this.personRefs.callerId(caller);
    if (personId === null || personId === self || personId === caller.userId) return self;
    if (!hasRole(caller, 'notification-admin', 'admin')) {
      throw notificationError(NotificationErrorCode.Forbidden, 'only a notification admin may read or change another person’s preferences', { personId });
    }
    if (!(await this.directory.people([personId])).has(personId)) throw notificationError(NotificationErrorCode.NotFound, `no person ${personId} in the directory`, { personId });
    return personId;
  }
}
