export * from './calendar-references';
export * from './change-calendar.service';
export * from './change-schedule.service';
export * from './schedule-guarded-change.store';
export * from './calendar-maintenance-coverage';
