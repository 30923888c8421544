import type { EventEnvelope } from '@itsm/contracts';
import { Clock } from '@itsm/platform/config';
import { AggregateCommandRunner } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode } from '../domain/change.errors';
import type { ChangeEvent } from '../domain/change.events';
import type { ChangeViewer } from '../domain/change-access.policy';
import type { Change, ChangeModel, RiskExplanation } from '../domain/change.model';
import type { AgendaCandidate } from '../domain/cab';
import { recordRiskAssessment } from '../domain/risk';
import { ChangeAccessService } from './change-access.service';
import { ChangeCommandRunner } from './change-command-runner';
import { AuthoriseChangeCommand } from './commands/authorise-change/authorise-change.command';
import { AuthoriseChangeHandler } from './commands/authorise-change/authorise-change.handler';
import { RejectChangeCommand } from './commands/reject-change/reject-change.command';
import { RejectChangeHandler } from './commands/reject-change/reject-change.handler';
import { CabAgendaChanges, ChangeAuthorisation } from './ports/cab-stores.port';
import { ChangeRiskTarget } from './ports/change-risk.port';
import { ChangeReads, ChangeStore } from './ports/change-store.port';

/**
 * The risk and CAB ports bound to the core's change store and commands: the assessment is recorded
 * through the change's command runner (one write: state, event, audit entry); CAB decisions call
 * `authorise-change` and `reject-change`; agendas read the change list.
 */
@Injectable()
export class CoreChangeRiskTarget extends ChangeRiskTarget {
  /** Reactions to the change's own events record the event they apply (the runner's `consumed`). */
  private readonly reactions: AggregateCommandRunner<Change, ChangeEvent>;

  constructor(
    @Inject(ChangeReads) private readonly reads: ChangeReads,
    @Inject(ChangeCommandRunner) private readonly runner: ChangeCommandRunner,
    @Inject(ChangeAccessService) private readonly access: ChangeAccessService,
    @Inject(ChangeStore) store: ChangeStore,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    super();
    this.reactions = new AggregateCommandRunner(store, {
      notFound: (id) => new ChangeError(ChangeErrorCode.NotFound, `change ${id} not found`, { changeId: id }),
      conflict: (id) => new ChangeError(ChangeErrorCode.Conflict, `change ${id} is being changed by others; try again`, { changeId: id }),
    });
  }

  change(id: string): Promise<Change | undefined> {
    return this.reads.byId(id);
  }

  assertMayAssess(viewer: ChangeViewer, change: Change): Promise<void> {
    return this.access.assert(viewer, change, 'view');
  }

  async recordRisk(changeId: string, risk: RiskExplanation, by: string, consumed: EventEnvelope | null): Promise<Change> {
    if (consumed === null) return this.runner.runFor(changeId, (current, now) => recordRiskAssessment(current, risk, by, now));
    const decide = (current: Change) => {
      const decision = recordRiskAssessment(current, risk, by, this.clock.now());
      return { aggregate: decision.change, events: decision.events };
    };
    return (await this.reactions.run(changeId, { decide, consumed })).aggregate;
  }
}

@Injectable()
export class CoreChangeAuthorisation extends ChangeAuthorisation {
  constructor(
    @Inject(AuthoriseChangeHandler) private readonly authoriser: AuthoriseChangeHandler,
    @Inject(RejectChangeHandler) private readonly rejecter: RejectChangeHandler,
  ) {
    super();
  }

  async authorise(changeId: string, by: string, reason: string | null): Promise<void> {
    await this.authoriser.execute(new AuthoriseChangeCommand(changeId, by, reason));
  }

  async reject(changeId: string, by: string, reason: string): Promise<void> {
    await this.rejecter.execute(new RejectChangeCommand(changeId, by, reason));
  }
}

const candidateOf = (c: Change): AgendaCandidate => ({ changeId: c.id, number: c.number, title: c.title, model: c.model, state: c.state, risk: c.risk?.level ?? null, plannedStart: c.planned?.start ?? null });

@Injectable()
export class CoreCabAgendaChanges extends CabAgendaChanges {
  constructor(@Inject(ChangeReads) private readonly reads: ChangeReads) {
    super();
  }

  async awaitingAuthorisation(models: readonly ChangeModel[], limit: number): Promise<readonly AgendaCandidate[]> {
    return (await this.reads.list({ kind: 'all' }, { states: ['authorize'], models }, limit, undefined)).items.map(candidateOf);
  }

  async byIds(ids: readonly string[]): Promise<readonly AgendaCandidate[]> {
    const found = await Promise.all(ids.map((id) => this.reads.byId(id)));
    return found.flatMap((c) => (c === undefined ? [] : [candidateOf(c)]));
  }
}
