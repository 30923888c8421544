import { HashedApiTokens } from '@itsm/platform/auth';
import { Inject, Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode, PIPELINE_TOKEN_PREFIX } from '../../domain';
import type { PipelineToken } from '../../domain';
import { PipelineTokenStore } from '../ports';

/** Pipeline tokens: the prefix and 32 random bytes (base64url), kept only as their SHA-256 (the platform's hashed API tokens). */
export const pipelineTokens = new HashedApiTokens(PIPELINE_TOKEN_PREFIX);

/** A gate request's bearer token to its pipeline; none, malformed, unknown or revoked: CHANGE.UNAUTHENTICATED. */
@Injectable()
export class PipelineAuthenticator {
  constructor(@Inject(PipelineTokenStore) private readonly tokens: PipelineTokenStore) {}

  async authenticate(bearerToken: string | undefined): Promise<PipelineToken> {
    const token = await pipelineTokens.authenticate(bearerToken, (hash) => this.tokens.byTokenHash(hash));
    if (token === undefined) throw new ChangeError(ChangeErrorCode.Unauthenticated, 'no valid pipeline token');
    return token;
  }
}
