import { InMemoryDirectoryProjection } from '@itsm/platform/persistence';
import { DirectoryFeed } from '@itsm/testing';
import type { Channel, Notice, NotificationCategory, Recipient } from '../../domain';
import { parsePreferences } from '../../domain/preferences';
import type { PreferencesInput } from '../../domain/preferences';
import { SPEC_NOTIFICATION_SETTINGS } from '../../test-fixtures/spec-notification-settings';
import { notificationDirectory } from '../../test-fixtures/notification-directory';
import { plannerSettingsFrom } from './planner-settings';
import { InMemoryDigestStore, InMemoryPreferenceStore, InMemoryWindowSlots } from './in-memory-planner-stores';
import { PreferenceDeliveryPlanner } from './preference-delivery-planner';

const at = (iso: string): number => Date.parse(iso);
const person = (personId: string, email: string | null = `${personId}@contoso.example`): Recipient => ({ kind: 'person', personId, displayName: personId, email, locale: 'en', timeZone: null, chatHandle: null });

function notice(key: string, options: { recipient?: Recipient; channel?: Channel; category?: NotificationCategory; urgent?: boolean; rootId?: string } = {}): Notice {
  const rootId = options.rootId ?? `inc-${key}`;
  const event = { id: key, topic: 'itsm.incident.v1', type: 'itsm.incident.assigned.v1', source: '/itsm/incident', subject: rootId, sequence: 1, time: '2026-06-10T10:00:00Z', data: {}, actorId: null, causationId: null, correlationId: null };
  const ticket = { topic: 'itsm.incident.v1', id: rootId, number: null, title: null, link: `https://portal.itsm.test/incidents/${rootId}`, rootId };
  return { key, recipient: options.recipient ?? person('n-alice'), channel: options.channel ?? 'email', category: options.category ?? 'assignment', urgent: options.urgent ?? false, templateId: 'assigned', items: [{ ruleId: 'r1', templateId: 'assigned', event, ticket }] };
}

async function setup(preferences: Record<string, PreferencesInput> = {}) {
  const feed = new DirectoryFeed();
  const mars = feed.person({ personId: 'n-mars', userName: 'n-mars', organisationId: 'contoso', timeZone: 'Mars/Olympus', emails: [{ value: 'n-mars@contoso.example', type: 'work', primary: true }] });
  const directory = await new InMemoryDirectoryProjection().feed(...notificationDirectory(feed), mars);
  const store = new InMemoryPreferenceStore();
  for (const [personId, input] of Object.entries(preferences)) await store.save(parsePreferences(personId, input));
  const digests = new InMemoryDigestStore();
  const warnings: unknown[] = [];
  const slots = new InMemoryWindowSlots();
  const planner = new PreferenceDeliveryPlanner(directory, store, digests, slots, plannerSettingsFrom(SPEC_NOTIFICATION_SETTINGS), { warn: (obj: unknown) => warnings.push(obj) } as never);
  return { planner, digests, warnings, directory, store, slots };
}

const nights = { startMinute: 22 * 60, endMinute: 7 * 60 };
const noon = at('2026-06-10T10:00:00Z');

describe('PreferenceDeliveryPlanner', () => {
  it('sends to endpoints and fixed addresses without asking anyone’s preferences', async () => {
    const { planner } = await setup();
    expect(await planner.plan(notice('e1', { recipient: { kind: 'endpoint', endpointId: 'ep' }, channel: 'webhook' }), noon)).toEqual({ kind: 'send' });
    expect(await planner.plan(notice('a1', { recipient: { kind: 'address', address: 'desk@fabrikam.example' } }), noon)).toEqual({ kind: 'send' });
  });

  it('suppresses for an inactive or unknown person, a channel switched off, mail without an address', async () => {
    const { planner } = await setup({ 'n-bob': { channels: [{ category: 'update', email: false, inApp: true }], quietHours: null, digests: [] } });
    expect(await planner.plan(notice('g1', { recipient: person('n-gone') }), noon)).toEqual({ kind: 'suppress', reason: 'inactive_recipient' });
    expect(await planner.plan(notice('x1', { recipient: person('n-nobody') }), noon)).toEqual({ kind: 'suppress', reason: 'inactive_recipient' });
    expect(await planner.plan(notice('b1', { recipient: person('n-bob'), category: 'update' }), noon)).toEqual({ kind: 'suppress', reason: 'preference_off' });
    expect(await planner.plan(notice('b2', { recipient: person('n-bob'), category: 'update', channel: 'in_app' }), noon)).toEqual({ kind: 'send' });
    expect(await planner.plan(notice('m1', { recipient: person('n-nomail', null) }), noon)).toEqual({ kind: 'suppress', reason: 'no_address' });
  });

  it('defers a non-urgent notice in quiet hours to their end in the person’s directory zone; urgent ones go out unless the person says otherwise', async () => {
    const { planner } = await setup({
      'n-alice': { channels: [], quietHours: nights, digests: [] },
      'n-carol': { channels: [], quietHours: nights, urgentBreaksQuietHours: false, digests: [] },
    });
    // 23:30 in Zurich (CEST) on 10 June: quiet until 07:00 local = 05:00Z on 11 June.
    const night = at('2026-06-10T21:30:00Z');
    expect(await planner.plan(notice('q1'), night)).toEqual({ kind: 'defer', until: at('2026-06-11T05:00:00Z'), reason: 'quiet_hours' });
    expect(await planner.plan(notice('q2', { urgent: true }), night)).toEqual({ kind: 'send' });
    // Carol is in New York (EDT): 02:00 local on 11 June is 06:00Z; quiet until 07:00 EDT = 11:00Z, urgent or not.
    const carolNight = at('2026-06-11T06:00:00Z');
    expect(await planner.plan(notice('q3', { recipient: person('n-carol'), urgent: true }), carolNight)).toEqual({ kind: 'defer', until: at('2026-06-11T11:00:00Z'), reason: 'quiet_hours' });
  });

  it('reads quiet hours in their own zone when set, and falls back from a directory zone that is not IANA with a warning', async () => {
    const { planner, warnings } = await setup({ 'n-dave': { channels: [], quietHours: { ...nights, timeZone: 'UTC' }, digests: [] }, 'n-mars': { channels: [], quietHours: nights, digests: [] } });
    expect(await planner.plan(notice('d1', { recipient: person('n-dave') }), at('2026-06-10T23:00:00Z'))).toEqual({ kind: 'defer', until: at('2026-06-11T07:00:00Z'), reason: 'quiet_hours' });
    expect(warnings).toEqual([]);
    // n-mars's directory zone is not a zone: the platform default (UTC) applies, and the planner says so.
    expect(await planner.plan(notice('z1', { recipient: person('n-mars') }), at('2026-06-10T23:00:00Z'))).toEqual({ kind: 'defer', until: at('2026-06-11T07:00:00Z'), reason: 'quiet_hours' });
    expect(warnings).toEqual([{ personId: 'n-mars', rejected: ['Mars/Olympus'], zone: 'UTC' }]);
  });

  it('gathers a digest category into the daily digest at the person’s local minute; urgent notices skip it', async () => {
    const { planner, digests } = await setup({ 'n-alice': { channels: [], quietHours: null, digests: [{ category: 'comment', frequency: 'daily', atMinute: 8 * 60 }] } });
    const first = await planner.plan(notice('c1', { category: 'comment' }), noon);
    const again = await planner.plan(notice('c1', { category: 'comment' }), noon + 1000);
    const second = await planner.plan(notice('c2', { category: 'comment' }), noon + 2000);
    expect(first).toMatchObject({ kind: 'digest', at: at('2026-06-11T06:00:00Z') });
    expect(again).toEqual(first);
    expect(second).toEqual(first);
    expect([...digests.digests.values()][0]?.entries.map((e) => e.noticeKey)).toEqual(['c1', 'c2']);
    expect(await planner.plan(notice('c3', { category: 'comment', urgent: true }), noon)).toEqual({ kind: 'send' });
  });

  it('lets the first 5 notices on one ticket root through in a 10-minute window and coalesces the rest into one storm digest at the window’s end', async () => {
    const { planner, digests } = await setup();
    const plans = [];
    for (let i = 0; i < 8; i += 1) plans.push(await planner.plan(notice(`s${i}`, { rootId: 'inc-major' }), noon + i * 1000));
    expect(plans.slice(0, 5).every((p) => p.kind === 'send')).toBe(true);
    expect(plans.slice(5)).toEqual(Array(3).fill({ kind: 'digest', digestId: expect.any(String), at: at('2026-06-10T10:10:00Z') }));
    expect(new Set(plans.slice(5).map((p) => (p.kind === 'digest' ? p.digestId : '')).values()).size).toBe(1);
    // A repeat of one that went out still goes out; another root, another channel, the next window: counted apart.
    expect(await planner.plan(notice('s0', { rootId: 'inc-major' }), noon + 9000)).toEqual({ kind: 'send' });
    expect(await planner.plan(notice('o1', { rootId: 'inc-other' }), noon + 9000)).toEqual({ kind: 'send' });
    expect(await planner.plan(notice('s5', { rootId: 'inc-major', channel: 'in_app' }), noon + 9000)).toEqual({ kind: 'send' });
    expect(await planner.plan(notice('s9', { rootId: 'inc-major' }), at('2026-06-10T10:10:00Z'))).toEqual({ kind: 'send' });
    expect([...digests.digests.values()][0]?.entries).toHaveLength(3);
    // On-call pages are never coalesced.
    for (let i = 0; i < 7; i += 1) expect(await planner.plan(notice(`p${i}`, { rootId: 'inc-page', category: 'on_call', urgent: true }), noon)).toEqual({ kind: 'send' });
  });

  it('plans many notices with one directory read, one preferences read, one storm and one rate take, each person’s in their order as one by one', async () => {
    const { planner, directory, store, slots } = await setup({ 'n-bob': { channels: [{ category: 'update', email: false, inApp: true }], quietHours: null, digests: [] } });
    const people = jest.spyOn(directory, 'people');
    const preferences = jest.spyOn(store, 'findMany');
    const takes = jest.spyOn(slots, 'takeMany');
    const storm = Array.from({ length: 7 }, (_, i) => notice(`m${i}`, { rootId: 'inc-major' }));
    const others = [notice('g1', { recipient: person('n-gone') }), notice('e1', { recipient: { kind: 'endpoint', endpointId: 'ep' }, channel: 'webhook' }), notice('b1', { recipient: person('n-bob'), category: 'update' }), notice('b2', { recipient: person('n-bob') })];
    const plans = await planner.planMany([...storm.slice(0, 3), ...others, ...storm.slice(3)], noon);
    expect(people).toHaveBeenCalledTimes(1);
    expect(preferences).toHaveBeenCalledTimes(1);
    expect(takes).toHaveBeenCalledTimes(2);
    expect(plans.slice(3, 7)).toEqual([{ kind: 'suppress', reason: 'inactive_recipient' }, { kind: 'send' }, { kind: 'suppress', reason: 'preference_off' }, { kind: 'send' }]);
    const alices = [...plans.slice(0, 3), ...plans.slice(7)];
    expect(alices.map((p) => p.kind)).toEqual(['send', 'send', 'send', 'send', 'send', 'digest', 'digest']);
    expect(await planner.planMany([], noon)).toEqual([]);
    expect(people).toHaveBeenCalledTimes(1);
  });

  it('defers mail past 30 per person in 10 minutes to the next window, never drops it', async () => {
    const { planner } = await setup();
    const plans = [];
    for (let i = 0; i < 32; i += 1) plans.push(await planner.plan(notice(`r${i}`), noon + i));
    expect(plans.filter((p) => p.kind === 'send')).toHaveLength(30);
    expect(plans.slice(30)).toEqual([
      { kind: 'defer', until: at('2026-06-10T10:10:00Z'), reason: 'rate_limit' },
      { kind: 'defer', until: at('2026-06-10T10:10:00Z'), reason: 'rate_limit' },
    ]);
    expect(await planner.plan(notice('r30'), at('2026-06-10T10:10:00Z'))).toEqual({ kind: 'send' });
  });
});
