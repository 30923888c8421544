export * from './domain';
export * from './application/directory-inputs';
export * from './application/ports';
export * from './application/commands';
export * from './application/queries';
export { DIRECTORY_READ_HANDLERS } from './application/queries/directory-read-handlers';
export { DIRECTORY_READ_RESOLVERS } from './graphql/directory-read.resolvers';
export { DirectorySchema } from './graphql/directory.schema-marker';
export { DIRECTORY_ENTITY_EXTENSIONS } from './graphql/directory-federation.types';
