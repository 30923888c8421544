export * from './domain';
export * from './change.context';
export * from './change.module';
