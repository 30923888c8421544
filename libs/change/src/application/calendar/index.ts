export * from './calendar-references';
export * from './change-calendar.service';
