export * from './change.errors';
export * from './change.model';
export * from './calendar';
export * from './conflicts';
