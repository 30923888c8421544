import { encodeEnvelope } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { signRecord, verifyRecord } from './record-signing';
import { newEd25519KeyPair, newHmacSecret, parseEd25519PrivateKey, parseEd25519PublicKey, parseHmacSecret } from './webhook-keys';

const T = 1_900_000_000;
const envelope: EventEnvelope = {
  specversion: '1.0', id: 'evt-42', source: '/supplier/acme', type: 'itsm.supplier.ticket-updated.v1', subject: 'sup-1', time: '2030-04-01T09:00:00.000Z',
  sequence: 3, correlationid: 'c-1', datacontenttype: 'application/json', data: { status: 'resolved' },
};

describe('signed Kafka records (Standard Webhooks over the CloudEvents binary binding)', () => {
  const secret = parseHmacSecret(newHmacSecret());
  const pair = newEd25519KeyPair();

  it('round-trips: ce_id is the message id, the value bytes the body, timestamp and signature record headers', () => {
    const record = signRecord([secret, parseEd25519PrivateKey(pair.privateKey)], encodeEnvelope(envelope), T);
    expect(record.headers['webhook-timestamp']).toBe(String(T));
    expect(record.headers['webhook-signature']).toMatch(/^v1,\S+ v1a,\S+$/);
    expect(record.headers['ce_type']).toBe(envelope.type);
    // as kafkajs hands a consumed record over: header values are Buffers
    const consumed = { value: record.value, headers: Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(v)])) };
    expect(verifyRecord([secret], consumed, T + 10)).toEqual({ ok: true, keyIndex: 0 });
    expect(verifyRecord([parseEd25519PublicKey(pair.publicKey)], consumed, T + 10)).toEqual({ ok: true, keyIndex: 0 });
  });

  it('refuses a changed value, another ce_id, a stale record and an unsigned one', () => {
    const record = signRecord([secret], encodeEnvelope(envelope), T);
    expect(verifyRecord([secret], { ...record, value: Buffer.from('{"status":"closed"}') }, T)).toEqual({ ok: false, reason: 'no_matching_signature' });
    expect(verifyRecord([secret], { ...record, headers: { ...record.headers, ce_id: 'evt-43' } }, T)).toEqual({ ok: false, reason: 'no_matching_signature' });
    expect(verifyRecord([secret], record, T + 301)).toEqual({ ok: false, reason: 'timestamp_too_old' });
    expect(verifyRecord([secret], encodeEnvelope(envelope), T)).toEqual({ ok: false, reason: 'missing_header' });
    expect(verifyRecord([secret], { headers: undefined, value: null }, T)).toEqual({ ok: false, reason: 'missing_header' });
    expect(verifyRecord([secret], { ...record, headers: { ...record.headers, 'webhook-signature': [record.headers['webhook-signature'] as string, 'v1,AAAA'] } }, T)).toEqual({ ok: false, reason: 'malformed_header' });
  });
});
