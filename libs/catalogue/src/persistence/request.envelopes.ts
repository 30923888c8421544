import { requestTopic, TopicRegistry } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { aggregateEnvelopes } from '@itsm/platform/messaging';
import { CatalogueErrorCode, catalogueError } from '../domain/catalogue.errors';
import type { RequestEvent } from '../domain/request';

export const REQUEST_SOURCE = '/itsm/catalogue';

const options = {
  registry: new TopicRegistry([requestTopic]),
  topicOf: () => requestTopic.name,
  source: REQUEST_SOURCE,
  invalid: (message: string) => catalogueError(CatalogueErrorCode.InvalidInput, message),
};

/** A request's events wrapped for its outbox (checked against `itsm.request.v1` first). */
export function toRequestEnvelopes(subject: string, lastSequence: number, events: readonly RequestEvent[]): EventEnvelope[] {
  return aggregateEnvelopes(options, subject, lastSequence, events);
}
