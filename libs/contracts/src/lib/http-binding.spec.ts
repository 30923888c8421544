import { ContractError, ContractErrorCode } from './contract.errors';
import { createEnvelope } from './event-envelope';
import { decodeStructuredEnvelope } from './http-binding';

const event = createEnvelope({
  id: 'm-1', source: 'https://acme.example', type: 'itsm.supplier.trouble-ticket-acknowledged.v1', subject: 'inc-1',
  time: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), data: { ticketId: 'inc-1' }, sequence: 3, correlationid: 'c-1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
});

function refusal(json: unknown): readonly string[] {
  try {
    decodeStructuredEnvelope(json);
  } catch (error) {
    if (error instanceof ContractError && error.code === ContractErrorCode.MalformedEnvelope) return error.details;
    throw error;
  }
  throw new Error('decoded');
}

describe('decodeStructuredEnvelope', () => {
  it('reads a structured-mode event as the envelope it was made from (sequence as a number or its text)', () => {
    const json = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
    expect(decodeStructuredEnvelope(json)).toEqual(event);
    expect(decodeStructuredEnvelope({ ...json, sequence: '3' })).toEqual(event);
  });

  it('refuses what the Kafka binding refuses, naming every fault', () => {
    expect(refusal({ ...event, specversion: '0.3', time: 'yesterday', sequence: 0 })).toEqual(
      expect.arrayContaining(['ce_specversion must be 1.0 (got "0.3")', 'ce_time must be an RFC 3339 timestamp', 'ce_sequence must be a positive integer']),
    );
    expect(refusal({ ...event, id: '' })).toEqual(['ce_id is required']);
    expect(refusal({ ...event, datacontenttype: 'text/plain' })).toEqual(['content-type must be application/json (got text/plain)']);
  });

  it('refuses a non-object, attributes of the wrong JSON type, a missing data and data_base64', () => {
    expect(refusal([event])).toEqual(['the event is not a JSON object']);
    expect(refusal(null)).toEqual(['the event is not a JSON object']);
    const { data: _data, ...withoutData } = event;
    expect(refusal({ ...withoutData, id: 7, sequence: 1.5, data_base64: 'e30=' })).toEqual(['id must be a string', 'sequence must be a positive integer', 'data_base64 is not accepted: data is JSON', 'data is required']);
  });
});
