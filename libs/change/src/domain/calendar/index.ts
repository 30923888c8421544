export * from './blackout-window';
export * from './change-calendar';
export * from './intervals';
export * from './maintenance-window';
export * from './blackout-guard';
export * from './recurring-window';
