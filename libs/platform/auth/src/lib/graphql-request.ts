import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { RequestWithHeaders } from './request-principal';

export interface GraphqlRequest {
  /** What the principal is cached on: the HTTP request, or the GraphQL context without one. */
  readonly carrier: object;
  readonly request: RequestWithHeaders | undefined;
}

/** The HTTP request behind a GraphQL resolver call (`context.req`, as Nest's Apollo drivers set it). */
export function graphqlRequest(context: ExecutionContext): GraphqlRequest {
  const gqlContext: unknown = GqlExecutionContext.create(context).getContext();
  const ctx = typeof gqlContext === 'object' && gqlContext !== null ? (gqlContext as { req?: unknown }) : {};
  const request = typeof ctx.req === 'object' && ctx.req !== null ? (ctx.req as RequestWithHeaders) : undefined;
  return { carrier: request ?? ctx, request };
}
