import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver } from '@nestjs/apollo';
import type { ApolloFederationDriverConfig } from '@nestjs/apollo';
import type { DynamicModule, Type } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';

export interface SubgraphOptions {
  readonly nodeEnv: 'development' | 'test' | 'production';
  /** The context module whose resolvers and types make this subgraph (its types declare `registerIn` it when they could clash). */
  readonly scope: Type<unknown>;
  /** Types nothing in this subgraph returns but it must still declare (entity stubs it extends). */
  readonly orphanedTypes?: readonly Type<unknown>[];
}

/**
 * The GraphQL module of one service's federation-2 subgraph, the same for every service. Scoped to
 * its context module: in the all-in-one process several contexts' resolvers and types (each with
 * its own `Incident` entity, say) live in one process, and Nest's type metadata is process-global.
 */
export function subgraphGraphQLModule(options: SubgraphOptions): DynamicModule {
  const production = options.nodeEnv === 'production';
  return GraphQLModule.forRoot<ApolloFederationDriverConfig>({
    driver: ApolloFederationDriver,
    autoSchemaFile: { federation: 2 },
    include: [options.scope],
    // The federation schema path reads `includeModules` from the build options (not `include`).
    buildSchemaOptions: { orphanedTypes: [...(options.orphanedTypes ?? [])], includeModules: [options.scope] } as ApolloFederationDriverConfig['buildSchemaOptions'],
    path: '/graphql',
    context: ({ req }: { req: unknown }) => ({ req }),
    // Guards and filters also run on @ResolveReference and field resolvers.
    fieldResolverEnhancers: ['guards', 'filters'],
    playground: false,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    // Apollo Studio traces are not collected; they would only cost time on every answer.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    // Coded errors travel as they are; anything else is an internal fault whose text (hosts,
    // drivers) must not reach a client in production.
    formatError: (formatted) =>
      production && (formatted.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR') === 'INTERNAL_SERVER_ERROR'
        ? { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }
        : formatted,
  });
}
