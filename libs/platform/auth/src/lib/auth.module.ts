import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { Enhancer } from '@nestjs/graphql';
import type { AuthSettings } from './auth-env';
import { AuthDenialFilter } from './auth-denial.filter';
import { GraphqlAuthGuard } from './graphql-auth.guard';
import { TokenVerifier } from './token-verifier';

/**
 * For a subgraph's GraphQLModule options: Nest runs guards on @ResolveReference and @ResolveField
 * only with this, so entity lookups through `_entities` are authorised like queries.
 */
export const AUTH_FIELD_RESOLVER_ENHANCERS: Enhancer[] = ['guards'];

/** Global: provides TokenVerifier, guards every GraphQL resolver of the app (GraphqlAuthGuard) and logs its denials at warn. */
@Module({})
export class AuthModule {
  static forRoot(settings: AuthSettings): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: TokenVerifier, useFactory: () => TokenVerifier.fromSettings(settings) },
        { provide: APP_GUARD, useClass: GraphqlAuthGuard },
        { provide: APP_FILTER, useClass: AuthDenialFilter },
      ],
      exports: [TokenVerifier],
    };
  }
}
