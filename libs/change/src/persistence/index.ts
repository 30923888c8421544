export * from './calendar-windows.repository';
