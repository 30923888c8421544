import { Inject, Injectable } from '@nestjs/common';
import { isAuthorised, recordGateAnswer } from '../../domain';
import type { Change, ChangeState, GateCandidate } from '../../domain';
import { ChangeCommandRunner } from '../change-command-runner';
import { ChangeReads, GateChanges } from '../ports';
import type { GateAnswerRecord } from '../ports';

const CHANGE_NUMBER = /^CHG[0-9]{7,}$/;

function toCandidate(change: Change): GateCandidate {
  return {
    id: change.id,
    number: change.number,
    model: change.model,
    state: change.state,
    configurationItemIds: change.configurationItemIds,
    planned: change.planned,
    authorised: isAuthorised(change),
  };
}

/**
 * The gate's view of the change store: changes naming a CI through the change list's CI filter
 * (its `{ configurationItemIds, seq }` index), a change by number or id, and the answer appended to
 * the change through the context's command runner (event, audit entry and state in one write; a
 * lost race is decided again on the fresh state).
 */
@Injectable()
export class GateChangesService extends GateChanges {
  constructor(
    @Inject(ChangeReads) private readonly reads: ChangeReads,
    @Inject(ChangeCommandRunner) private readonly runner: ChangeCommandRunner,
  ) {
    super();
  }

  async naming(ciId: string, states: readonly ChangeState[], limit: number): Promise<readonly GateCandidate[]> {
    const page = await this.reads.list({ kind: 'all' }, { configurationItemId: ciId, states }, limit, undefined);
    return page.items.map(toCandidate);
  }

  async byReference(reference: string): Promise<GateCandidate | undefined> {
    const change = CHANGE_NUMBER.test(reference) ? await this.reads.byNumber(reference) : await this.reads.byId(reference);
    return change === undefined ? undefined : toCandidate(change);
  }

  async recordAnswer(changeId: string, answer: GateAnswerRecord): Promise<void> {
    await this.runner.runFor(changeId, (current) => recordGateAnswer(current, answer));
  }
}
