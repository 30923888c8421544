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
 * An expected denial on its way to the client (a caller without a valid token or without the role):
 * AuthModule's filter logs it at warn, without a stack, instead of Nest's error line for a fault.
 */
export class AuthDenial extends GraphQLError {
  constructor(
    readonly reason: AuthErrorCode,
    message: string,
    extensions: Record<string, unknown>,
  ) {
    super(message, { extensions });
  }
}

/**
 * The GraphQL face of an AuthError: `extensions.code` is the GraphQL convention
 * (UNAUTHENTICATED / FORBIDDEN), `extensions.reason` the AuthErrorCode. `withHttpStatus` is for
 * errors raised before execution (a gateway's context), where Apollo uses it as the HTTP status.
 */
export function toGraphqlAuthError(error: AuthError, withHttpStatus = false): AuthDenial {
  const { code, status } = GRAPHQL_CODE[error.code];
  return new AuthDenial(error.code, error.message, { code, reason: error.code, ...(withHttpStatus ? { http: { status } } : {}) });
}
