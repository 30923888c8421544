import { createEnvelope, encodeEnvelope } from '@itsm/contracts';
import type { EncodedRecord } from '@itsm/contracts';
import { newEd25519KeyPair, newHmacSecret, parseEd25519PrivateKey, parseHmacSecret, signRecord } from '@itsm/platform/webhooks';
import type { WebhookSigningKey } from '@itsm/platform/webhooks';
import { bindDiscoveryRecord } from './discovery-record-binding';

const T = 1_900_000_000;
const TOLERANCE = 900;

function discoveryRecord(source: string): EncodedRecord {
  const data = { source, classId: 'server', attributes: { name: 'srv-1', serial_number: 'SN-1' }, relationships: [], by: `${source}-job`, at: '2030-03-01T10:00:00.000Z' };
  return encodeEnvelope(createEnvelope({ id: 'rec-1', source: `/discovery/${source}`, type: 'itsm.cmdb-discovery.ci-discovered.v1', subject: 'srv-1', time: new Date('2030-03-01T10:00:00.000Z'), data, sequence: 1, correlationid: 'c-1' }));
}

/** As kafkajs hands a consumed record over: header values are Buffers. */
function consumed(record: EncodedRecord): { headers: Record<string, Buffer>; value: Buffer } {
  return { value: record.value, headers: Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(v)])) };
}

function signed(keys: readonly WebhookSigningKey[], source: string, at = T) {
  return consumed(signRecord(keys, discoveryRecord(source), at));
}

describe('bindDiscoveryRecord: a discovery record speaks for a source only with that source\'s signature', () => {
  const scanner = newEd25519KeyPair();
  const scannerNext = newEd25519KeyPair();
  const sccmSecret = newHmacSecret();
  const scannerSource = { id: 'network-scanner', verificationKeys: [scanner.publicKey] };
  const sccmSource = { id: 'sccm', verificationKeys: [sccmSecret] };

  it('binds a record signed by the named source\'s key (Ed25519 public key or HMAC secret)', () => {
    expect(bindDiscoveryRecord(scannerSource, signed([parseEd25519PrivateKey(scanner.privateKey)], 'network-scanner'), T + 10, TOLERANCE)).toEqual({ ok: true, keyIndex: 0 });
    expect(bindDiscoveryRecord(sccmSource, signed([parseHmacSecret(sccmSecret)], 'sccm'), T - 10, TOLERANCE)).toEqual({ ok: true, keyIndex: 0 });
  });

  it('refuses a record naming a source but signed with another source\'s key', () => {
    // the scanner's producer claims to be SCCM (higher precedence): its own valid signature does not make it SCCM
    expect(bindDiscoveryRecord(sccmSource, signed([parseEd25519PrivateKey(scanner.privateKey)], 'sccm'), T, TOLERANCE)).toEqual({ ok: false, reason: 'no_matching_signature' });
    expect(bindDiscoveryRecord(scannerSource, signed([parseHmacSecret(sccmSecret)], 'network-scanner'), T, TOLERANCE)).toEqual({ ok: false, reason: 'no_matching_signature' });
  });

  it('refuses a forged record: the signed value or id changed after signing', () => {
    const record = signed([parseHmacSecret(sccmSecret)], 'sccm');
    const renamed = Buffer.from(record.value.toString('utf8').replace('"sccm"', '"manual"'));
    expect(bindDiscoveryRecord(sccmSource, { ...record, value: renamed }, T, TOLERANCE)).toEqual({ ok: false, reason: 'no_matching_signature' });
    expect(bindDiscoveryRecord(sccmSource, { ...record, headers: { ...record.headers, ce_id: Buffer.from('rec-2') } }, T, TOLERANCE)).toEqual({ ok: false, reason: 'no_matching_signature' });
    expect(bindDiscoveryRecord(sccmSource, { ...record, headers: { ...record.headers, 'webhook-signature': Buffer.from(`v1,${Buffer.alloc(32).toString('base64')}`) } }, T, TOLERANCE)).toEqual({ ok: false, reason: 'no_matching_signature' });
  });

  it('refuses a record whose signature timestamp is outside the tolerance, either way (exactly the tolerance passes)', () => {
    const record = signed([parseHmacSecret(sccmSecret)], 'sccm');
    expect(bindDiscoveryRecord(sccmSource, record, T + TOLERANCE, TOLERANCE)).toEqual({ ok: true, keyIndex: 0 });
    expect(bindDiscoveryRecord(sccmSource, record, T + TOLERANCE + 1, TOLERANCE)).toEqual({ ok: false, reason: 'timestamp_too_old' });
    expect(bindDiscoveryRecord(sccmSource, record, T - TOLERANCE - 1, TOLERANCE)).toEqual({ ok: false, reason: 'timestamp_in_future' });
  });

  it('during a rotation either of the source\'s two keys binds, and a record signed with both does too', () => {
    const rotating = { id: 'network-scanner', verificationKeys: [scanner.publicKey, scannerNext.publicKey] };
    expect(bindDiscoveryRecord(rotating, signed([parseEd25519PrivateKey(scanner.privateKey)], 'network-scanner'), T, TOLERANCE)).toEqual({ ok: true, keyIndex: 0 });
    expect(bindDiscoveryRecord(rotating, signed([parseEd25519PrivateKey(scannerNext.privateKey)], 'network-scanner'), T, TOLERANCE)).toEqual({ ok: true, keyIndex: 1 });
    expect(bindDiscoveryRecord(rotating, signed([parseEd25519PrivateKey(scannerNext.privateKey), parseEd25519PrivateKey(scanner.privateKey)], 'network-scanner'), T, TOLERANCE)).toMatchObject({ ok: true });
    // once the old key is dropped, records still signed with it alone are refused
    expect(bindDiscoveryRecord({ id: 'network-scanner', verificationKeys: [scannerNext.publicKey] }, signed([parseEd25519PrivateKey(scanner.privateKey)], 'network-scanner'), T, TOLERANCE)).toEqual({ ok: false, reason: 'no_matching_signature' });
  });

  it('refuses an unsigned record, and every record of a source that has no keys (signed or not)', () => {
    expect(bindDiscoveryRecord(sccmSource, consumed(discoveryRecord('sccm')), T, TOLERANCE)).toEqual({ ok: false, reason: 'missing_header' });
    expect(bindDiscoveryRecord({ id: 'import', verificationKeys: [] }, consumed(discoveryRecord('import')), T, TOLERANCE)).toEqual({ ok: false, reason: 'source_has_no_keys' });
    expect(bindDiscoveryRecord({ id: 'import', verificationKeys: [] }, signed([parseHmacSecret(sccmSecret)], 'import'), T, TOLERANCE)).toEqual({ ok: false, reason: 'source_has_no_keys' });
  });
});
