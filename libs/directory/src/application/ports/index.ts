export * from './directory-queries.port';
