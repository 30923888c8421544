import { changeTopic, TopicRegistry } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { aggregateEnvelopes } from '@itsm/platform/messaging';
import { ChangeError, ChangeErrorCode } from '../domain';
import type { ChangeEvent } from '../domain';

export const CHANGE_SOURCE = '/itsm/change';

const options = {
  registry: new TopicRegistry([changeTopic]),
  topicOf: () => changeTopic.name,
  source: CHANGE_SOURCE,
  invalid: (message: string) => new ChangeError(ChangeErrorCode.InvalidInput, message),
};

/** A change's events wrapped for the outbox (checked against the contract first). */
export function toChangeEnvelopes(subject: string, lastSequence: number, events: readonly ChangeEvent[]): EventEnvelope[] {
  return aggregateEnvelopes(options, subject, lastSequence, events);
}
