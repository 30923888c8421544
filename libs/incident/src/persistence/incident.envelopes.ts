import { incidentTopic, problemTopic, TopicRegistry } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { aggregateEnvelopes } from '@itsm/platform/messaging';
import type { DomainEvent } from '@itsm/platform/messaging';
import { IncidentError, IncidentErrorCode } from '../domain';

export const INCIDENT_SOURCE = '/itsm/incident';

const options = {
  registry: new TopicRegistry([incidentTopic, problemTopic]),
  topicOf: (type: string) => (type.startsWith('itsm.problem.') ? problemTopic.name : incidentTopic.name),
  source: INCIDENT_SOURCE,
  invalid: (message: string) => new IncidentError(IncidentErrorCode.InvalidInput, message),
};

/** Incident and problem events wrapped for the outbox (see aggregateEnvelopes). */
export function toEnvelopes(subject: string, lastSequence: number, events: readonly DomainEvent[]): EventEnvelope[] {
  return aggregateEnvelopes(options, subject, lastSequence, events);
}
