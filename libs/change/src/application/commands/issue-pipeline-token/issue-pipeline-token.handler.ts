import { controlCharacterIndex } from '@itsm/contracts';
import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { newChangeId } from '../../change-ids';
import { ChangeError, ChangeErrorCode } from '../../../domain';
import type { PipelineToken } from '../../../domain';
import { pipelineTokens } from '../../gate/pipeline-tokens';
import { PipelineTokenStore } from '../../ports';
import type { IssuePipelineTokenCommand } from './issue-pipeline-token.command';

/** The new pipeline token's record and the token itself: the only time the token is told (only its hash is kept). */
export interface IssuedPipelineToken {
  readonly pipelineToken: PipelineToken;
  readonly token: string;
}

const MAX_NAME = 200;

/** Issues a deployment gate token for one pipeline. */
@Injectable()
export class IssuePipelineTokenHandler {
  constructor(
    @Inject(PipelineTokenStore) private readonly tokens: PipelineTokenStore,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ by, name }: IssuePipelineTokenCommand): Promise<IssuedPipelineToken> {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > MAX_NAME || controlCharacterIndex(trimmed) >= 0) {
      throw new ChangeError(ChangeErrorCode.InvalidInput, `name: 1 to ${MAX_NAME} characters, no control characters`, { field: 'name' });
    }
    const { token, hash } = pipelineTokens.issue();
    const pipelineToken: PipelineToken = { id: newChangeId(), name: trimmed, createdBy: by, createdAt: this.clock.now(), revokedAt: null };
    await this.tokens.insert(pipelineToken, hash);
    return { pipelineToken, token };
  }
}
