export * from './directory.errors';
export * from './directory.model';
