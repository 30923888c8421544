export * from './directory-queries.port';
export * from './directory-stores.port';
