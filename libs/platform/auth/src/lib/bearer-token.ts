const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/-]+=*)[ \t]*$/i;

/**
 * The token of an `Authorization: Bearer <token>` header (RFC 6750), or undefined when the header
 * is missing, repeated or not a bearer credential.
 */
export function bearerToken(authorizationHeader: string | string[] | undefined): string | undefined {
  if (Array.isArray(authorizationHeader)) {
    return authorizationHeader.length === 1 ? bearerToken(authorizationHeader[0]) : undefined;
  }
  return authorizationHeader === undefined ? undefined : BEARER.exec(authorizationHeader)?.[1];
}
