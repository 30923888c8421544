import { appendAudit, GENESIS_HASH, verifyChain } from './audit-chain';
import type { AuditEntry } from './audit-chain';
import { canonicalJson } from './canonical-json';

const event = (type: string, by: string, minute: number, extra: Record<string, unknown> = {}) => ({ type, data: { by, at: `2031-03-03T09:${String(minute).padStart(2, '0')}:00.000Z`, ...extra } });

describe('the audit hash chain', () => {
  const chain = appendAudit(appendAudit([], [event('requested', 'p-1', 0, { state: 'new' })]), [event('state-changed', 'p-2', 1, { state: 'assess' }), event('state-changed', 'p-3', 2, { state: 'authorize' }), event('state-changed', 'p-4', 3)]);

  it('links each entry to the one before, from the genesis hash', () => {
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(chain[0]?.prevHash).toBe(GENESIS_HASH);
    chain.slice(1).forEach((entry, i) => expect(entry.prevHash).toBe(chain[i]?.hash));
    expect(new Set(chain.map((e) => e.hash)).size).toBe(4);
    expect(verifyChain(chain)).toEqual({ ok: true, entries: 4 });
    expect(verifyChain([])).toEqual({ ok: true, entries: 0 });
  });

  it('digests the payload whatever order its keys were built in', () => {
    const first = { by: 'x', at: 'y', z: 1, a: [1, { d: 2, c: 3 }] };
    const second = { a: [1, { c: 3, d: 2 }], z: 1, at: 'y', by: 'x' };
    const a = appendAudit([], [{ type: 't', data: first }]);
    const b = appendAudit([], [{ type: 't', data: second }]);
    expect(a[0]?.hash).toBe(b[0]?.hash);
    expect(canonicalJson({ b: 1, a: undefined, c: [null] })).toBe('{"b":1,"c":[null]}');
  });

  const tampered = (index: number, edit: (entry: AuditEntry) => AuditEntry) => chain.map((e, i) => (i === index ? edit(e) : e));

  it('names an edited entry (who, when, payload digest) by its seq', () => {
    expect(verifyChain(tampered(1, (e) => ({ ...e, by: 'someone-else' })))).toMatchObject({ ok: false, seq: 2, reason: 'hash' });
    expect(verifyChain(tampered(2, (e) => ({ ...e, at: '2031-03-03T08:00:00.000Z' })))).toMatchObject({ ok: false, seq: 3, reason: 'hash' });
    expect(verifyChain(tampered(0, (e) => ({ ...e, digest: '0'.repeat(64) })))).toMatchObject({ ok: false, seq: 1, reason: 'hash' });
  });

  it('names the next entry when an edited entry was re-hashed, and a removed or reordered entry', () => {
    const rehashed = appendAudit([chain[0] as AuditEntry], [event('state-changed', 'forger', 1, { state: 'assess' })]);
    expect(verifyChain([...rehashed, ...chain.slice(2)])).toMatchObject({ ok: false, seq: 3, reason: 'link' });
    expect(verifyChain([chain[0], chain[2], chain[3]] as AuditEntry[])).toMatchObject({ ok: false, seq: 3, reason: 'sequence' });
    expect(verifyChain([chain[1], chain[0]] as AuditEntry[])).toMatchObject({ ok: false, seq: 2, reason: 'sequence' });
  });
});
