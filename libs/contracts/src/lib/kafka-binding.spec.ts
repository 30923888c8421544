import { ContractError, ContractErrorCode } from './contract.errors';
import { createEnvelope } from './event-envelope';
import { decodeEnvelope, encodeEnvelope, MAX_EVENT_BYTES } from './kafka-binding';

const envelope = createEnvelope({
  id: '5b1c2f0e-1',
  source: '/itsm/incident',
  type: 'itsm.incident.opened.v1',
  subject: '6650c0ffee0000000000abcd',
  time: new Date('2026-11-20T16:00:00.000Z'),
  data: { title: 'Mail down', impact: 1 },
  sequence: 3,
  correlationid: 'corr-1',
  causationid: 'cmd-9',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  tenant: 'acme',
});

function decodeWith(overrides: { headers?: Record<string, string | undefined>; value?: Buffer | null; key?: string | null }) {
  const encoded = encodeEnvelope(envelope);
  const headers: Record<string, string | undefined> = { ...encoded.headers, ...overrides.headers };
  return () => decodeEnvelope({ key: overrides.key === undefined ? encoded.key : overrides.key, value: overrides.value === undefined ? encoded.value : overrides.value, headers });
}

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).code).toBe(ContractErrorCode.MalformedEnvelope);
    return (error as ContractError).details;
  }
  throw new Error('expected a ContractError');
}

describe('CloudEvents Kafka binding (binary mode)', () => {
  it('puts attributes in ce_ headers, the subject in the key and the data in the value', () => {
    const encoded = encodeEnvelope(envelope);
    expect(encoded.key).toBe(envelope.subject);
    expect(encoded.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: '5b1c2f0e-1',
      ce_source: '/itsm/incident',
      ce_type: 'itsm.incident.opened.v1',
      ce_subject: envelope.subject,
      ce_time: '2026-11-20T16:00:00.000Z',
      ce_sequence: '3',
      ce_correlationid: 'corr-1',
      ce_causationid: 'cmd-9',
      ce_tenant: 'acme',
      'content-type': 'application/json',
    });
    expect(JSON.parse(encoded.value.toString())).toEqual({ title: 'Mail down', impact: 1 });
  });

  it('round-trips an envelope, with Buffer headers as kafkajs delivers them', () => {
    const encoded = encodeEnvelope(envelope);
    const headers = Object.fromEntries(Object.entries(encoded.headers).map(([k, v]) => [k, Buffer.from(v)]));
    expect(decodeEnvelope({ key: Buffer.from(encoded.key), value: encoded.value, headers })).toEqual(envelope);
  });

  it('omits absent optional extensions', () => {
    const minimal = createEnvelope({ id: 'a', source: '/s', type: 't.x.v1', subject: 'k', time: new Date(0), data: {}, sequence: 1, correlationid: 'c' });
    const encoded = encodeEnvelope(minimal);
    expect(Object.keys(encoded.headers)).not.toEqual(expect.arrayContaining(['ce_causationid']));
    expect(decodeEnvelope({ ...encoded, headers: encoded.headers })).toEqual(minimal);
  });

  it.each([
    ['a missing id', { headers: { ce_id: undefined } }, 'ce_id is required'],
    ['a wrong spec version', { headers: { ce_specversion: '0.3' } }, 'ce_specversion must be 1.0 (got "0.3")'],
    ['a non-RFC 3339 time', { headers: { ce_time: 'yesterday' } }, 'ce_time must be an RFC 3339 timestamp'],
    ['a zero sequence', { headers: { ce_sequence: '0' } }, 'ce_sequence must be a positive integer'],
    ['a fractional sequence', { headers: { ce_sequence: '1.5' } }, 'ce_sequence must be a positive integer'],
    ['a key that is not the subject', { key: 'other' }, 'record key must equal ce_subject'],
    ['a body that is not JSON', { value: Buffer.from('{oops') }, 'record value is not JSON'],
    ['no body', { value: null }, 'record has no value'],
    ['an oversized body', { value: Buffer.alloc(MAX_EVENT_BYTES + 1, 0x20) }, `record value is larger than ${MAX_EVENT_BYTES} bytes`],
    ['a bad traceparent', { headers: { ce_traceparent: 'nope' } }, 'ce_traceparent is not W3C trace context'],
    ['a foreign content type', { headers: { 'content-type': 'text/xml' } }, 'content-type must be application/json (got text/xml)'],
    ['an over-long subject', { headers: { ce_subject: 'x'.repeat(300) }, key: null }, 'ce_subject is longer than 256'],
  ])('refuses %s with MALFORMED_ENVELOPE and the reason', (_label, overrides, reason) => {
    expect(problemsOf(decodeWith(overrides))).toContain(reason);
  });

  it('lists every fault at once', () => {
    const problems = problemsOf(() => decodeEnvelope({ key: null, value: null, headers: {} }));
    expect(problems).toEqual(expect.arrayContaining(['ce_id is required', 'ce_source is required', 'ce_type is required', 'record has no value']));
  });

  it('refuses a repeated header', () => {
    const encoded = encodeEnvelope(envelope);
    expect(problemsOf(() => decodeEnvelope({ ...encoded, headers: { ...encoded.headers, ce_id: ['a', 'b'] } }))).toContain('ce_id is repeated');
  });
});
