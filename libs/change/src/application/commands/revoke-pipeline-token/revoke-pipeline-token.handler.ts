import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode } from '../../../domain';
import type { PipelineToken } from '../../../domain';
import { PipelineTokenStore } from '../../ports';
import type { RevokePipelineTokenCommand } from './revoke-pipeline-token.command';

/** Revokes a pipeline token (again: no change); its next gate request is CHANGE.UNAUTHENTICATED. */
@Injectable()
export class RevokePipelineTokenHandler {
  constructor(
    @Inject(PipelineTokenStore) private readonly tokens: PipelineTokenStore,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ tokenId }: RevokePipelineTokenCommand): Promise<PipelineToken> {
    const token = await this.tokens.revoke(tokenId, this.clock.now());
    if (token === undefined) throw new ChangeError(ChangeErrorCode.NotFound, `no pipeline token ${tokenId}`, { tokenId });
    return token;
  }
}
