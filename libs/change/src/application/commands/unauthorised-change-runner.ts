import { AggregateCommandRunner } from '@itsm/platform/persistence';
import { ChangeError, ChangeErrorCode } from '../../domain';
import type { UnauthorisedChange, UnauthorisedChangeEvent } from '../../domain';
import type { UnauthorisedChangeStore } from '../ports/unauthorised-change-store.port';

/** Load, decide, save (retried on a lost race) for one unauthorised-change record, with the change context's codes. */
export function unauthorisedChangeRunner(store: UnauthorisedChangeStore): AggregateCommandRunner<UnauthorisedChange, UnauthorisedChangeEvent> {
  return new AggregateCommandRunner(store, {
    notFound: (id) => new ChangeError(ChangeErrorCode.NotFound, `no unauthorised change ${id}`, { id }),
    conflict: (id) => new ChangeError(ChangeErrorCode.Conflict, `unauthorised change ${id} kept changing; try again`, { id }),
  });
}
