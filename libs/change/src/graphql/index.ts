import { CalendarAdminResolver } from './calendar-admin.resolver';
import { ChangeConflictsResolver } from './change-conflicts.resolver';
import { ChangeLifecycleResolver } from './change-lifecycle.resolver';
import { ChangeQueryResolver } from './change-query.resolver';
import { ChangeRequestResolver } from './change-request.resolver';
import { ChangeTemplateResolver } from './change-template.resolver';

export * from './change.schema-marker';
export * from './change.types';

export const CHANGE_RESOLVERS = [ChangeQueryResolver, ChangeRequestResolver, ChangeLifecycleResolver, ChangeTemplateResolver];

/** The calendar lane's resolvers: windows and blackouts (admin), conflicts, the calendar, the blackout override. */
export const CALENDAR_RESOLVERS = [CalendarAdminResolver, ChangeConflictsResolver];
