import { CalendarWindowsHandler } from './calendar-windows/calendar-windows.handler';
import { ChangeCalendarHandler } from './change-calendar/change-calendar.handler';
import { ChangeConflictsHandler } from './change-conflicts/change-conflicts.handler';
import { NextConflictFreeWindowHandler } from './next-conflict-free-window/next-conflict-free-window.handler';
import { FindChangeTemplatesHandler } from './find-change-templates/find-change-templates.handler';
import { FindChangeHandler } from './find-change/find-change.handler';
import { FindChangesHandler } from './find-changes/find-changes.handler';
import { VerifyChangeAuditHandler } from './verify-change-audit/verify-change-audit.handler';

export * from './calendar-windows/calendar-windows.handler';
export * from './calendar-windows/calendar-windows.query';
export * from './change-calendar/change-calendar.handler';
export * from './change-calendar/change-calendar.query';
export * from './change-conflicts/change-conflicts.handler';
export * from './change-conflicts/change-conflicts.query';
export * from './next-conflict-free-window/next-conflict-free-window.handler';
export * from './next-conflict-free-window/next-conflict-free-window.query';
export * from './find-change-templates/find-change-templates.handler';
export * from './find-change-templates/find-change-templates.query';
export * from './find-change/find-change.handler';
export * from './find-change/find-change.query';
export * from './find-changes/find-changes.handler';
export * from './find-changes/find-changes.query';
export * from './verify-change-audit/verify-change-audit.handler';
export * from './verify-change-audit/verify-change-audit.query';

export const CHANGE_QUERY_HANDLERS = [FindChangeHandler, FindChangesHandler, FindChangeTemplatesHandler, VerifyChangeAuditHandler];

/** The calendar lane's reads: conflicts, the next conflict-free windows, the calendar view. */
export const CALENDAR_QUERY_HANDLERS = [CalendarWindowsHandler, ChangeConflictsHandler, NextConflictFreeWindowHandler, ChangeCalendarHandler];
