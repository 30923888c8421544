import { Inject, Injectable } from '@nestjs/common';
import type { PipelineToken } from '../../../domain';
import { PipelineTokenStore } from '../../ports';
import type { PipelineTokensQuery } from './pipeline-tokens.query';

@Injectable()
export class PipelineTokensHandler {
  constructor(@Inject(PipelineTokenStore) private readonly tokens: PipelineTokenStore) {}

  execute(_query: PipelineTokensQuery): Promise<readonly PipelineToken[]> {
    return this.tokens.list();
  }
}
