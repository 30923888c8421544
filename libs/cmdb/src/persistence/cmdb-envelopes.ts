import { cmdbTopic, ContractError, createEnvelope, TopicRegistry } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { currentCorrelation } from '@itsm/platform/observability';
import { randomUUID } from 'node:crypto';
import { CmdbError, CmdbErrorCode } from '../domain';

export const CMDB_SOURCE = '/itsm/cmdb';

const registry = new TopicRegistry([cmdbTopic]);

export interface CmdbEvent {
  readonly type: string;
  readonly data: { readonly at: string };
}

/**
 * CloudEvents envelopes for a CI's or relationship's events, numbered after its last sequence and
 * checked against the topic schema first: nothing is written that could not be published.
 */
export function toCmdbEnvelopes(subject: string, lastSequence: number, events: readonly CmdbEvent[]): EventEnvelope[] {
  const correlation = currentCorrelation();
  for (const event of events) {
    try {
      registry.validatePayload(cmdbTopic.name, event.type, event.data);
    } catch (error) {
      if (error instanceof ContractError) throw new CmdbError(CmdbErrorCode.InvalidInput, [error.message, ...error.details].join('; '));
      throw error;
    }
  }
  return events.map((event, index) =>
    createEnvelope({
      id: randomUUID(),
      source: CMDB_SOURCE,
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
