import { changeTopic } from '@itsm/contracts';
import { outboxRepository } from '@itsm/platform/persistence';
import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider } from '@nestjs/common';
import { ChangeLookups, UnauthorisedChangeReads, UnauthorisedChangeStore } from './application/ports/unauthorised-change-store.port';
import { AcknowledgeUnauthorisedChangeHandler } from './application/commands/acknowledge-unauthorised-change/acknowledge-unauthorised-change.handler';
import { DetectUnauthorisedChangeHandler } from './application/commands/detect-unauthorised-change/detect-unauthorised-change.handler';
import { LinkUnauthorisedChangeHandler } from './application/commands/link-unauthorised-change/link-unauthorised-change.handler';
import { ChangeReadsLookups } from './application/change-lookups.service';
import { UnauthorisedChangesHandler } from './application/queries/unauthorised-changes/unauthorised-changes.handler';
import { UnauthorisedChangeRepository } from './persistence/unauthorised-change.repository';
import { unauthorisedChangeSchema } from './persistence/unauthorised-change.schema';

/** Unauthorised-change records: an aggregate collection whose events go out on `itsm.change.v1` (its outbox). */
export function unauthorisedChangeRepository(): ContextRepository {
  return outboxRepository(
    UnauthorisedChangeRepository,
    { model: 'UnauthorisedChange', schema: unauthorisedChangeSchema, topic: changeTopic.name },
    (model, notify) => new UnauthorisedChangeRepository(model, notify),
  );
}

/** What ChangeModule registers for unauthorised-change detection (the CMDB consumer calls it) and the change manager's list. */
export const UNAUTHORISED_CHANGE_PROVIDERS: readonly Provider[] = [
  { provide: UnauthorisedChangeStore, useExisting: UnauthorisedChangeRepository },
  { provide: UnauthorisedChangeReads, useExisting: UnauthorisedChangeRepository },
  { provide: ChangeLookups, useClass: ChangeReadsLookups },
  DetectUnauthorisedChangeHandler,
  AcknowledgeUnauthorisedChangeHandler,
  LinkUnauthorisedChangeHandler,
  UnauthorisedChangesHandler,
];
