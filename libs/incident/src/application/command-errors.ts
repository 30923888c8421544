import type { AggregateCommandErrors } from '@itsm/platform/persistence';
import { IncidentError, IncidentErrorCode } from '../domain';

/** What the aggregate runner answers in this context: the aggregate's NOT_FOUND, and INCIDENT.CONFLICT after the last lost race. */
export function commandErrors(aggregate: 'incident' | 'problem', notFound: IncidentErrorCode): AggregateCommandErrors {
  return {
    notFound: (id) => new IncidentError(notFound, `${aggregate} ${id} not found`),
    conflict: (id) => new IncidentError(IncidentErrorCode.Conflict, `${aggregate} ${id} is being changed by others; try again`),
  };
}
