export * from './lib/roles';
export * from './lib/principal';
export * from './lib/auth.errors';
export * from './lib/auth-env';
export * from './lib/bearer-token';
export * from './lib/hashed-api-tokens';
export * from './lib/claims';
export {
  DEFAULT_DEV_TOKEN_TTL_SECONDS,
  DEV_KEY_ALGORITHM,
  ensureDevKey,
  generateDevKey,
  issueDevToken,
  readDevKey,
  signDevToken,
} from './lib/dev-key';
export type { DevKey, DevTokenClaims, TokenAudience } from './lib/dev-key';
export * from './lib/token-verifier';
export * from './lib/dev-token-args';
export { authenticateRequest, verifiedPrincipal } from './lib/request-principal';
export type { RequestWithHeaders } from './lib/request-principal';
export * from './lib/roles.decorator';
export * from './lib/current-principal.decorator';
export * from './lib/graphql-auth.guard';
export * from './lib/auth.module';
export * from './lib/auth-denial.filter';
