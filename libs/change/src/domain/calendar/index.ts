export * from './blackout-window';
export * from './change-calendar';
export * from './intervals';
export * from './maintenance-window';
export * from './recurring-window';
