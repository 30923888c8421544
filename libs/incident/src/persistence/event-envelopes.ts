import { ContractError, createEnvelope, incidentTopic, problemTopic, TopicRegistry } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { currentCorrelation } from '@itsm/platform/observability';
import { randomUUID } from 'node:crypto';
import { IncidentError, IncidentErrorCode } from '../domain';

export const INCIDENT_SOURCE = '/itsm/incident';

const registry = new TopicRegistry([incidentTopic, problemTopic]);
const topicOfType = (type: string) => (type.startsWith('itsm.problem.') ? problemTopic.name : incidentTopic.name);

/**
 * Wraps domain events in CloudEvents envelopes numbered after the aggregate's last sequence, carrying
 * the correlation of the request or event being handled (its id becomes their causation).
 */
export function toEnvelopes(
  subject: string,
  lastSequence: number,
  events: readonly { readonly type: string; readonly data: { readonly at: string } }[],
): EventEnvelope[] {
  const correlation = currentCorrelation();
  // Nothing is written that could not be published: a payload outside its schema stops here.
  for (const event of events) {
    try {
      registry.validatePayload(topicOfType(event.type), event.type, event.data);
    } catch (error) {
      if (error instanceof ContractError) throw new IncidentError(IncidentErrorCode.InvalidInput, [error.message, ...error.details].join("; "));
      throw error;
    }
  }
  return events.map((event, index) =>
    createEnvelope({
      id: randomUUID(),
      source: INCIDENT_SOURCE,
      type: event.type,
      subject,
      time: new Date(event.data.at),
      data: event.data,
      sequence: lastSequence + index + 1,
      correlationid: correlation?.correlationId ?? randomUUID(),
      ...(correlation?.causationId === undefined ? {} : { causationid: correlation.causationId }),
      ...(correlation?.traceparent === undefined ? {} : { traceparent: correlation.traceparent }),
    }),
  );
}
