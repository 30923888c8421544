import type { Principal } from '@itsm/platform/auth';

/** A person's notification preferences (the caller's own when `personId` is null). */
export class NotificationPreferencesQuery {
  constructor(
    readonly caller: Principal,
    readonly personId: string | null,
  ) {}
}
