export * from './domain';
export * from './application/conflicts';
export * from './application/ports';
export * from './change.context';
export * from './change.module';
