import { Inject, Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';
import { AuthError, AuthErrorCode, toGraphqlAuthError } from './auth.errors';
import { graphqlRequest } from './graphql-request';
import { hasRole } from './principal';
import { authenticateRequest } from './request-principal';
import type { Role } from './roles';
import { ROLES_METADATA } from './roles.decorator';
import { TokenVerifier } from './token-verifier';

/**
 * Authenticates and authorises every GraphQL resolver call (queries, mutations, and with
 * `fieldResolverEnhancers: ['guards']` also @ResolveReference and @ResolveField); other contexts
 * (HTTP controllers, event consumers) pass. Deny by default: a resolver without @Roles is refused.
 */
@Injectable()
export class GraphqlAuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const required = this.reflector.getAllAndOverride<readonly Role[] | undefined>(ROLES_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    const { carrier, request } = graphqlRequest(context);
    try {
      const principal = await authenticateRequest(carrier, request, this.verifier);
      if (!required || !hasRole(principal, ...required)) {
        throw new AuthError(AuthErrorCode.Forbidden, 'the caller lacks a role this operation requires');
      }
      return true;
    } catch (error: unknown) {
      if (error instanceof AuthError) throw toGraphqlAuthError(error);
      throw error;
    }
  }
}
