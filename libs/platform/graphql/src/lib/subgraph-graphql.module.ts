import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver } from '@nestjs/apollo';
import type { ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import type { DynamicModule, Type } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { BuildSchemaOptions } from '@nestjs/graphql';
import { InputTextInterceptor } from './input-text.interceptor';
import type { SchemaMarker } from './schema-marker';

export interface SubgraphOptions {
  readonly nodeEnv: 'development' | 'test' | 'production';
  /** The context's Nest module: its resolvers make this subgraph (`include`: resolver discovery). */
  readonly module: Type<unknown>;
  /** The context's schema marker: its types name it in `registerIn`, and only those types are built. */
  readonly schema: SchemaMarker;
  /** Types nothing in this subgraph returns but it must still declare (entity stubs it extends). */
  readonly orphanedTypes?: readonly Type<unknown>[];
}

/**
 * Holds the subgraph's GraphQL module and the input text rule (an app-wide interceptor that acts
 * on GraphQL calls only).
 */
@Module({})
class SubgraphGraphQLModule {}

/**
 * The GraphQL module of one service's federation-2 subgraph, the same for every service. Scoped to
 * its context: in the all-in-one process several contexts' resolvers and types (each with its own
 * `Incident` entity, say) live in one process, and Nest's type metadata is process-global.
 *
 * @nestjs/graphql reads the two scopes from two places: `include` (modules) limits which resolvers
 * are explored, while the code-first federation schema filters types by `registerIn` against
 * `buildSchemaOptions.includeModules` (the non-federated path would pass `include` there itself).
 */
export function subgraphGraphQLModule(options: SubgraphOptions): DynamicModule {
  const production = options.nodeEnv === 'production';
  // `includeModules` is read by @nestjs/graphql but not declared on BuildSchemaOptions.
  const buildSchemaOptions: BuildSchemaOptions & { readonly includeModules: readonly SchemaMarker[] } = {
    orphanedTypes: [...(options.orphanedTypes ?? [])],
    includeModules: [options.schema],
  };
  return {
    module: SubgraphGraphQLModule,
    imports: [
      GraphQLModule.forRoot<ApolloFederationDriverConfig>({
        driver: ApolloFederationDriver,
        autoSchemaFile: { federation: 2 },
        include: [options.module],
        buildSchemaOptions,
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
      }),
    ],
    providers: [{ provide: APP_INTERCEPTOR, useClass: InputTextInterceptor }],
  };
}
