import { CalendarAdminResolver } from './calendar-admin.resolver';
import { ChangeConflictsResolver } from './change-conflicts.resolver';
import { ChangeLifecycleResolver } from './change-lifecycle.resolver';
import { ChangeQueryResolver } from './change-query.resolver';
import { ChangeRequestResolver } from './change-request.resolver';
import { ChangeSuccessScoreResolver } from './change-success-score.resolver';
import { ChangeTemplateResolver } from './change-template.resolver';
import { IncidentCauseResolver } from './incident-cause.resolver';
import { UnauthorisedChangeResolver } from './unauthorised-change.resolver';

export * from './change.schema-marker';
export * from './change.types';
export * from './change-federation.types';
export * from './change-success-score.types';
export * from './unauthorised-change.types';

export const CHANGE_RESOLVERS = [ChangeQueryResolver, ChangeRequestResolver, ChangeLifecycleResolver, ChangeTemplateResolver, UnauthorisedChangeResolver, ChangeSuccessScoreResolver, IncidentCauseResolver];

/** The calendar lane's resolvers: windows and blackouts (admin), conflicts, the calendar, the blackout override. */
export const CALENDAR_RESOLVERS = [CalendarAdminResolver, ChangeConflictsResolver];
