export * from './change-conflict';
export * from './detect-conflicts';
export * from './next-conflict-free-window';
export * from './schedule-index';
