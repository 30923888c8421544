import { serviceTopic, TopicRegistry } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { aggregateEnvelopes } from '@itsm/platform/messaging';
import { CatalogueError, CatalogueErrorCode } from '../domain';
import type { PortfolioEvent } from '../domain';

export const CATALOGUE_SOURCE = '/itsm/catalogue';

const options = {
  registry: new TopicRegistry([serviceTopic]),
  topicOf: () => serviceTopic.name,
  source: CATALOGUE_SOURCE,
  invalid: (message: string) => new CatalogueError(CatalogueErrorCode.InvalidInput, message),
};

/** A portfolio record's events wrapped for the outbox (checked against `itsm.service.v1` first). */
export function toPortfolioEnvelopes(subject: string, lastSequence: number, events: readonly PortfolioEvent[]): EventEnvelope[] {
  return aggregateEnvelopes(options, subject, lastSequence, events);
}
