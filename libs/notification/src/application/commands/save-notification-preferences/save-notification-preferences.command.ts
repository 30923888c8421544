import type { Principal } from '@itsm/platform/auth';
import type { PreferencesInput } from '../../../domain/preferences';

/** Replaces a person's notification preferences (the caller's own when `personId` is null). */
export class SaveNotificationPreferencesCommand {
  constructor(
    readonly caller: Principal,
    readonly personId: string | null,
    readonly input: PreferencesInput,
  ) {}
}
