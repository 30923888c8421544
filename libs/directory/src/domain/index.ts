export * from './directory.errors';
export * from './directory.model';
export * from './read-access.policy';
