import { GraphQLError } from 'graphql';

export enum AuthErrorCode {
  Unauthenticated = 'AUTH.UNAUTHENTICATED',
  Forbidden = 'AUTH.FORBIDDEN',
}

export class AuthError extends Error {
  override readonly name = 'AuthError';

  constructor(
    readonly code: AuthErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const GRAPHQL_CODE: Record<AuthErrorCode, { code: string; status: number }> = {
  [AuthErrorCode.Unauthenticated]: { code: 'UNAUTHENTICATED', status: 401 },
  [AuthErrorCode.Forbidden]: { code: 'FORBIDDEN', status: 403 },
};

/**
 * The GraphQL face of an AuthError: `extensions.code` is the GraphQL convention
 * (UNAUTHENTICATED / FORBIDDEN), `extensions.reason` the AuthErrorCode. `withHttpStatus` is for
 * errors raised before execution (a gateway's context), where Apollo uses it as the HTTP status.
 */
export function toGraphqlAuthError(error: AuthError, withHttpStatus = false): GraphQLError {
  const { code, status } = GRAPHQL_CODE[error.code];
  return new GraphQLError(error.message, {
    extensions: { code, reason: error.code, ...(withHttpStatus ? { http: { status } } : {}) },
  });
}
