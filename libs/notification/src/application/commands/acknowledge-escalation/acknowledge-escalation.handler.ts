import { Injectable } from '@nestjs/common';
import { acknowledgeEscalation } from '../../../domain/escalation/escalation';
import type { Escalation } from '../../../domain/escalation/escalation';
import { EscalationCommands } from '../../escalation-commands';

export interface AcknowledgeEscalationCommand {
  readonly escalationId: string;
  readonly personId: string;
  /** A notification admin may acknowledge for anyone. */
  readonly asAdmin: boolean;
}

/** Acknowledges an escalation: it stops at once (escalation-acknowledged; a level falling due later pages nobody). */
@Injectable()
export class AcknowledgeEscalationHandler {
  constructor(private readonly commands: EscalationCommands) {}

  async execute(command: AcknowledgeEscalationCommand, now: number): Promise<Escalation> {
    const outcome = await this.commands.run(command.escalationId, { decide: (current) => acknowledgeEscalation(current, command.personId, command.asAdmin, now) });
    return outcome.aggregate;
  }
}
