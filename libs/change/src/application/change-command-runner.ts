import { Clock } from '@itsm/platform/config';
import { AggregateCommandRunner } from '@itsm/platform/persistence';
import type { CommandOutcome } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode } from '../domain';
import type { Change, ChangeAccess, ChangeDecision, ChangeEvent, ChangeViewer } from '../domain';
import { ChangeAccessService } from './change-access.service';
import { ChangeStore } from './ports/change-store.port';

/** A domain decision on the change as it is now, at `now`. */
export type ChangeDecider = (current: Change, now: Date) => ChangeDecision | Promise<ChangeDecision>;

/**
 * The platform's aggregate runner for changes (CHANGE.NOT_FOUND, CHANGE.CONFLICT): load, check the
 * viewer's access on the change as it is now, let the domain decide, save state, events and audit
 * entries in one write; a lost race is checked and decided again on the fresh state.
 */
@Injectable()
export class ChangeCommandRunner {
  private readonly runner: AggregateCommandRunner<Change, ChangeEvent>;

  constructor(
    store: ChangeStore,
    private readonly access: ChangeAccessService,
    private readonly clock: Clock,
  ) {
    this.runner = new AggregateCommandRunner(store, {
      notFound: (id) => new ChangeError(ChangeErrorCode.NotFound, `change ${id} not found`, { changeId: id }),
      conflict: (id) => new ChangeError(ChangeErrorCode.Conflict, `change ${id} is being changed by others; try again`, { changeId: id }),
    });
  }

  /** A viewer's command (GraphQL): their access is checked first. */
  async runAs(viewer: ChangeViewer, changeId: string, access: ChangeAccess, decide: ChangeDecider): Promise<Change> {
    return this.outcome(
      await this.runner.run(changeId, {
        authorise: (current) => this.access.assert(viewer, current, access),
        decide: async (current) => this.toDecision(await decide(current, this.clock.now())),
      }),
    );
  }

  /** A decision another part of the context took (approval engine, CAB): no viewer to check. */
  async runFor(changeId: string, decide: ChangeDecider): Promise<Change> {
    return this.outcome(await this.runner.run(changeId, { decide: async (current) => this.toDecision(await decide(current, this.clock.now())) }));
  }

  private toDecision(decision: ChangeDecision) {
    return { aggregate: decision.change, events: decision.events };
  }

  private outcome(outcome: CommandOutcome<Change>): Change {
    return outcome.aggregate;
  }
}
