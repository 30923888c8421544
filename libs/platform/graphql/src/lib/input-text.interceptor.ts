import { Injectable } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GqlContextType } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Observable } from 'rxjs';
import { cleanArguments } from './input-text';

/**
 * Every query's and mutation's arguments pass the platform's text rule before a pipe or resolver
 * sees them (installed for the whole subgraph by subgraphGraphQLModule). Event consumers of the
 * same process are left alone: their payloads are checked against the contracts' schemas.
 */
@Injectable()
export class InputTextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() === 'graphql') {
      const gql = GqlExecutionContext.create(context);
      const info = gql.getInfo<GraphQLResolveInfo | undefined>();
      const field = info?.parentType.getFields()[info.fieldName];
      if (field && field.args.length > 0) cleanArguments(field.args, field.extensions, gql.getArgs<Record<string, unknown>>());
    }
    return next.handle();
  }
}
