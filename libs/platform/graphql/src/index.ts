export * from './lib/coded-error.filter';
export * from './lib/connection';
export * from './lib/domain-enum';
export * from './lib/input-text';
export * from './lib/input-text.interceptor';
export * from './lib/schema-marker';
export * from './lib/subgraph-graphql.module';
