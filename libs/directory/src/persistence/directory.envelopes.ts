import { directoryTopic, TopicRegistry } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { aggregateEnvelopes } from '@itsm/platform/messaging';
import { DirectoryError, DirectoryErrorCode } from '../domain';
import type { DirectoryEvent } from '../domain';

export const DIRECTORY_SOURCE = '/itsm/directory';

const options = {
  registry: new TopicRegistry([directoryTopic]),
  topicOf: () => directoryTopic.name,
  source: DIRECTORY_SOURCE,
  invalid: (message: string) => new DirectoryError(DirectoryErrorCode.InvalidInput, message),
};

/** A person's, group's or organisation's events wrapped for the outbox (checked against the contract first). */
export function toDirectoryEnvelopes(subject: string, lastSequence: number, events: readonly DirectoryEvent[]): EventEnvelope[] {
  return aggregateEnvelopes(options, subject, lastSequence, events);
}
