import type { RateLimit } from '@itsm/platform/resilience';
import { DEFAULT_GATE_RATE } from '../change-env';
import type { ChangeSettings } from '../change-env';
import { Module, RequestMethod } from '@nestjs/common';
import type { DynamicModule, MiddlewareConsumer, NestModule } from '@nestjs/common';
import { AnswerGateHandler } from '../application/commands/answer-gate/answer-gate.handler';
import { IssuePipelineTokenHandler } from '../application/commands/issue-pipeline-token/issue-pipeline-token.handler';
import { RevokePipelineTokenHandler } from '../application/commands/revoke-pipeline-token/revoke-pipeline-token.handler';
import { GateRateLimit } from '../application/gate/gate-rate';
import { GateChangesService } from '../application/gate/gate-changes.service';
import { GateTargets } from '../application/gate/gate-targets';
import { PipelineAuthenticator } from '../application/gate/pipeline-tokens';
import { GateAnswersHandler } from '../application/queries/gate-answers/gate-answers.handler';
import { PipelineTokensHandler } from '../application/queries/pipeline-tokens/pipeline-tokens.handler';
import { GateChanges } from '../application/ports';
import { GateAdminResolver } from '../graphql/gate/gate-admin.resolver';
import { GateBodyMiddleware } from './gate-body.middleware';
import { GateController } from './gate.controller';
import { GATE_PATH } from './gate-http';

/**
 * The deployment gate: POST /change/v1/gate for pipelines, pipeline tokens and the gate log for
 * admins (GraphQL). Imported by the ChangeModule (global within its app), whose exports it uses:
 * Clock, ConfigurationItems, ChangeReads, ChangeCommandRunner, and the gate's repositories (GateLog,
 * PipelineTokenStore) on its persistence.
 */
@Module({})
export class ChangeGateModule implements NestModule {
  static forRoot(settings: ChangeSettings | undefined): DynamicModule {
    return {
      module: ChangeGateModule,
      controllers: [GateController],
      providers: [
        // Read when the app initialises (a composition check builds the module without settings).
        { provide: GateRateLimit, useFactory: (): RateLimit => settings?.gateRate ?? DEFAULT_GATE_RATE },
        { provide: GateChanges, useClass: GateChangesService },
        PipelineAuthenticator,
        GateTargets,
        AnswerGateHandler,
        IssuePipelineTokenHandler,
        RevokePipelineTokenHandler,
        GateAnswersHandler,
        PipelineTokensHandler,
        GateAdminResolver,
      ],
      exports: [AnswerGateHandler, IssuePipelineTokenHandler, RevokePipelineTokenHandler],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(GateBodyMiddleware).forRoutes({ path: GATE_PATH, method: RequestMethod.POST });
  }
}
