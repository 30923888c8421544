import { cmdbTopic, TopicRegistry } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { aggregateEnvelopes } from '@itsm/platform/messaging';
import type { DomainEvent } from '@itsm/platform/messaging';
import { CmdbError, CmdbErrorCode } from '../domain';

export const CMDB_SOURCE = '/itsm/cmdb';

export type CmdbEvent = DomainEvent;

const options = {
  registry: new TopicRegistry([cmdbTopic]),
  topicOf: () => cmdbTopic.name,
  source: CMDB_SOURCE,
  invalid: (message: string) => new CmdbError(CmdbErrorCode.InvalidInput, message),
};

/** A CI's or relationship's events wrapped for the outbox (see aggregateEnvelopes). */
export function toCmdbEnvelopes(subject: string, lastSequence: number, events: readonly CmdbEvent[]): EventEnvelope[] {
  return aggregateEnvelopes(options, subject, lastSequence, events);
}
