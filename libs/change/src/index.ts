export * from './domain';
export * from './application/conflicts';
export * from './application/ports';
export * from './application/calendar';
export * from './application/commands/calendar-commands';
export * from './persistence';
export * from './change.context';
export * from './change.module';
