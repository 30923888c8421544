import { cmdbChange as readCmdbEvent } from '@itsm/platform/persistence';
import type { CmdbChange, CmdbEvent } from '@itsm/platform/persistence';
import { ChangeError, ChangeErrorCode } from '../../domain';

export type { CmdbChange, CmdbEvent, ProjectedRelationship } from '@itsm/platform/persistence';

/**
 * The change context's reading of a CMDB event (the platform's `cmdbChange`): CI records go to the
 * platform's CmdbProjection, relationships to the change context's own store (conflicts one
 * relationship away). Refuses (CHANGE.INVALID_PROJECTION_EVENT) an event keyed by another record.
 */
export function cmdbChange(event: CmdbEvent): CmdbChange {
  return readCmdbEvent(event, (message, eventId) => new ChangeError(ChangeErrorCode.InvalidProjectionEvent, message, { eventId }));
}
