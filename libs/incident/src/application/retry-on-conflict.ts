import { retryOnConflict as retry } from '@itsm/platform/persistence';
import { IncidentError, IncidentErrorCode } from '../domain';

/** The platform's conflict retry, answering INCIDENT.CONFLICT when the races keep being lost. */
export function retryOnConflict<T>(what: string, attempt: () => Promise<T>): Promise<T> {
  return retry(attempt, () => new IncidentError(IncidentErrorCode.Conflict, `${what} is being changed by others; try again`));
}
