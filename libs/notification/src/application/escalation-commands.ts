import { AggregateCommandRunner } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { NotificationErrorCode, notificationError } from '../domain';
import type { Escalation, EscalationEvent } from '../domain/escalation/escalation';
import { EscalationStore } from './ports/escalation-store.port';

/** Runs a command on one escalation (load, authorise, decide, write with its events; retried on a lost race). */
@Injectable()
export class EscalationCommands extends AggregateCommandRunner<Escalation, EscalationEvent> {
  constructor(store: EscalationStore) {
    super(store, {
      notFound: (id) => notificationError(NotificationErrorCode.NotFound, `No escalation ${id}`, { escalationId: id }),
      conflict: (id) => notificationError(NotificationErrorCode.Conflict, `Escalation ${id} kept changing; try again`, { escalationId: id }),
    });
  }
}
