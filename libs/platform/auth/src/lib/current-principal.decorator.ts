import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { AuthError, AuthErrorCode, toGraphqlAuthError } from './auth.errors';
import { graphqlRequest } from './graphql-request';
import type { Principal } from './principal';
import { verifiedPrincipal } from './request-principal';

/** The verified Principal of the GraphQL request, as GraphqlAuthGuard authenticated it. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = verifiedPrincipal(graphqlRequest(context).carrier);
  if (!principal) {
    // The guard did not run for this resolver (e.g. a field resolver without guard enhancers).
    throw toGraphqlAuthError(new AuthError(AuthErrorCode.Unauthenticated, 'the request was not authenticated'));
  }
  return principal;
});
