import type { EventEnvelope } from '@itsm/contracts';
import { Injectable } from '@nestjs/common';
import { afterLevelDue, levelPassed } from '../../../domain/escalation/escalation';
import type { Escalation } from '../../../domain/escalation/escalation';
import { EscalationCommands } from '../../escalation-commands';
import { EscalationTargets } from '../../escalation-targets';

export interface LevelDueFacts {
  readonly escalationId: string;
  readonly level: number;
}

/**
 * A level's delay passed (escalation-level-due, from the timers): unless someone acknowledged or it
 * moved on already, the next level's targets are resolved now and the escalation writes
 * `escalated` (or `exhausted` after the last level), recording the due event so a redelivery changes nothing.
 */
@Injectable()
export class PassEscalationLevelHandler {
  constructor(
    private readonly commands: EscalationCommands,
    private readonly targets: EscalationTargets,
  ) {}

  async execute(due: LevelDueFacts, consumed: EventEnvelope, now: number): Promise<Escalation> {
    const outcome = await this.commands.run(due.escalationId, {
      consumed,
      decide: async (current) => {
        const next = afterLevelDue(current, due.level);
        const level = next.kind === 'page' ? current.levels[next.level - 1] : undefined;
        const personIds = level === undefined ? [] : await this.targets.resolve(level, current.groupId, now);
        return levelPassed(current, due.level, personIds, now);
      },
    });
    return outcome.aggregate;
  }
}
