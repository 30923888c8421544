import type { Notice, PersonRecipient } from '../../domain';
import { InMemoryDigestStore } from '../planner/in-memory-planner-stores';
import { DeliveryIntake } from '../ports';
import { DIGEST_CLAIM_LEASE_MS, DIGEST_TEMPLATE_ID, DigestFlusher } from './digest-flusher';

const bob: PersonRecipient = { kind: 'person', personId: 'n-bob', displayName: 'n-bob', email: 'n-bob@contoso.example', locale: 'de', timeZone: 'Europe/Berlin', chatHandle: null };
const at = Date.parse('2026-06-11T06:00:00Z');

function item(key: string): Notice['items'][number] {
  const event = { id: key, topic: 'itsm.incident.v1', type: 'itsm.incident.commented.v1', source: '/itsm/incident', subject: 'inc-1', sequence: 1, time: '2026-06-10T10:00:00Z', data: {}, actorId: null, causationId: null, correlationId: null };
  return { ruleId: 'r1', templateId: 'commented', event, ticket: { topic: 'itsm.incident.v1', id: 'inc-1', number: 'INC0000001', title: null, link: 'https://portal.itsm.test/incidents/inc-1', rootId: 'inc-1' } };
}

/** An intake that fails the first `failures` hand-overs (a crash before the digest is marked), then records. */
class FlakyIntake extends DeliveryIntake {
  readonly accepted: Notice[] = [];
  constructor(private failures: number) {
    super();
  }
  accept(notices: readonly Notice[]): Promise<void> {
    this.accepted.push(...notices);
    if (this.failures-- > 0) return Promise.reject(new Error('replica died after the hand-over'));
    return Promise.resolve();
  }
}

async function digestOf(store: InMemoryDigestStore, keys: readonly string[]): Promise<string> {
  let id = '';
  for (const key of keys) id = (await store.join({ recipient: bob, channel: 'email', window: { kind: 'daily', window: `Europe/Berlin@${at}`, at }, noticeKey: key, category: 'comment', items: [item(key)] })).digestId;
  return id;
}

describe('DigestFlusher', () => {
  it('hands each due digest over once as one notice keyed by the digest, with every item', async () => {
    const store = new InMemoryDigestStore();
    const id = await digestOf(store, ['e1', 'e2', 'e1', 'e3']);
    const intake = new FlakyIntake(0);
    const flusher = new DigestFlusher(store, intake);
    expect(await flusher.flushDue(at - 1)).toBe(0);
    expect(await flusher.flushDue(at)).toBe(1);
    expect(await flusher.flushDue(at + DIGEST_CLAIM_LEASE_MS * 2)).toBe(0);
    expect(intake.accepted).toHaveLength(1);
    expect(intake.accepted[0]).toMatchObject({ key: id, recipient: bob, channel: 'email', category: 'digest', urgent: false, templateId: DIGEST_TEMPLATE_ID });
    expect(intake.accepted[0]?.items.map((i) => i.event.id)).toEqual(['e1', 'e2', 'e3']);
  });

  it('hands a digest over again with the same key when the run died before marking it, once its claim lapsed', async () => {
    const store = new InMemoryDigestStore();
    const id = await digestOf(store, ['e1']);
    const intake = new FlakyIntake(1);
    const flusher = new DigestFlusher(store, intake);
    await expect(flusher.flushDue(at)).rejects.toThrow('replica died');
    expect(await flusher.flushDue(at + DIGEST_CLAIM_LEASE_MS - 1)).toBe(0);
    expect(await flusher.flushDue(at + DIGEST_CLAIM_LEASE_MS)).toBe(1);
    expect(intake.accepted.map((n) => n.key)).toEqual([id, id]);
  });
});
