import { contextRepository } from '@itsm/platform/persistence';
import type { ContextRepository } from '@itsm/platform/persistence';
import { GateLog, PipelineTokenStore } from '../../application/ports';
import { GateLogRepository } from './gate-log.repository';
import { PipelineTokenRepository } from './pipeline-token.repository';

export { GateLogRepository } from './gate-log.repository';
export { PipelineTokenRepository } from './pipeline-token.repository';

/** The deployment gate's collections, for the change context's persistence module (bound to their ports). */
export const GATE_REPOSITORIES: readonly ContextRepository[] = [
  contextRepository(PipelineTokenStore, (connection) => new PipelineTokenRepository(connection), PipelineTokenRepository.indexes),
  contextRepository(GateLog, (connection) => new GateLogRepository(connection), GateLogRepository.indexes),
];
