export * from './lib/subgraph-graphql.module';
