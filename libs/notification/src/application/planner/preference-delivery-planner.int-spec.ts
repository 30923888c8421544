import { civilFromDays, DAY_MS, daysFromCivil, localDayOf, localToUtc } from '@itsm/recurrence';
import type { Notice, PersonRecipient } from '../../domain';
import { parsePreferences } from '../../domain/preferences';
import type { BootedNotificationContext } from '../../test-fixtures/booted-notification-context';
import { DigestFlusher } from '../digests/digest-flusher';
import { DigestStore } from '../digests/digest-store.port';
import { DeliveryPlanner } from '../ports';
import { PreferenceStore } from '../preferences/preference-store.port';
import { WindowSlots } from './window-slots.port';
import { bootWithRecordingIntake, RecordingIntake } from './planner-spec-context';

const alice: PersonRecipient = { kind: 'person', personId: 'n-alice', displayName: 'n-alice', email: 'n-alice@contoso.example', locale: 'en', timeZone: 'Europe/Zurich', chatHandle: null };
const zurichClock = (ms: number): string => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Zurich', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);

function notice(key: string, category: Notice['category'], recipient: PersonRecipient = alice): Notice {
  const event = { id: key, topic: 'itsm.incident.v1', type: 'itsm.incident.commented.v1', source: '/itsm/incident', subject: `inc-${key}`, sequence: 1, time: new Date(0).toISOString(), data: { note: `about ${key}` }, actorId: null, causationId: null, correlationId: null };
  const ticket = { topic: 'itsm.incident.v1', id: `inc-${key}`, number: null, title: `Ticket ${key}`, link: `https://portal.itsm.test/incidents/inc-${key}`, rootId: `inc-${key}` };
  return { key, recipient, channel: 'email', category, urgent: false, templateId: 'commented', items: [{ ruleId: 'r1', templateId: 'commented', event, ticket }] };
}

/** 23:30 in Zurich on a day well ahead of the real clock (the running flush job never reaches the spec's digests), and the next day's date. */
function lateEveningAhead(): { readonly now: number; readonly nextDay: string } {
  const { y, m, d } = localDayOf('Europe/Zurich', Date.now() + 40 * DAY_MS);
  const next = civilFromDays(daysFromCivil(y, m, d) + 1);
  const two = (n: number): string => String(n).padStart(2, '0');
  return { now: localToUtc('Europe/Zurich', y, m, d, 23 * 60 + 30), nextDay: `${two(next.d)}/${two(next.m)}/${next.y}` };
}

describe('the delivery planner on its stores (preferences, digests, windows)', () => {
  const intake = new RecordingIntake();
  let context: BootedNotificationContext;
  let planner: DeliveryPlanner;

  beforeAll(async () => {
    context = await bootWithRecordingIntake(intake);
    planner = context.app.get(DeliveryPlanner);
  });
  afterAll(() => context.app.close());

  it('defers a non-urgent mail in quiet hours to 07:00 the next morning in the person’s zone', async () => {
    await context.app.get(PreferenceStore).save(parsePreferences('n-alice', { channels: [], quietHours: { startMinute: 22 * 60, endMinute: 7 * 60 }, digests: [] }), Date.now());
    const { now, nextDay } = lateEveningAhead();
    expect(zurichClock(now).endsWith('23:30')).toBe(true);
    const plan = await planner.plan(notice('quiet-1', 'assignment'), now);
    if (plan.kind !== 'defer') throw new Error(`expected a deferral, got ${JSON.stringify(plan)}`);
    expect(plan.reason).toBe('quiet_hours');
    expect(zurichClock(plan.until)).toBe(`${nextDay}, 07:00`);
    expect(plan.until - now).toBeGreaterThanOrEqual(6.5 * 60 * 60_000);
    expect(plan.until - now).toBeLessThanOrEqual(8.5 * 60 * 60_000);
  });

  it('holds every item of a daily digest (50 joins, 5 of them repeats: 45 items) and hands it to delivery once', async () => {
    await context.app.get(PreferenceStore).save(parsePreferences('n-bob', { channels: [], quietHours: null, digests: [{ category: 'comment', frequency: 'daily', atMinute: 8 * 60 }] }), Date.now());
    const bob: PersonRecipient = { ...alice, personId: 'n-bob', displayName: 'n-bob', email: 'n-bob@contoso.example', timeZone: 'Europe/Berlin' };
    const now = Date.now() + 50 * DAY_MS;
    const keys = [...Array.from({ length: 45 }, (_, i) => `digest-${i}`), ...['digest-3', 'digest-10', 'digest-20', 'digest-30', 'digest-44']];
    const plans = await Promise.all(keys.map((key, i) => planner.plan(notice(key, 'comment', bob), now + i)));
    const digestIds = new Set(plans.map((p) => (p.kind === 'digest' ? p.digestId : p.kind)));
    expect(digestIds.size).toBe(1);
    const first = plans[0];
    if (first?.kind !== 'digest') throw new Error(`expected a digest, got ${JSON.stringify(first)}`);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(first.at)).toBe('08:00');

    const flusher = context.app.get(DigestFlusher);
    const before = intake.accepted.length;
    expect(await flusher.flushDue(first.at - 1)).toBe(0);
    expect(await flusher.flushDue(first.at)).toBe(1);
    expect(await flusher.flushDue(first.at + 60_000)).toBe(0);
    const handed = intake.accepted.slice(before);
    expect(handed).toHaveLength(1);
    expect(handed[0]).toMatchObject({ key: first.digestId, recipient: { personId: 'n-bob' }, channel: 'email', category: 'digest', templateId: 'builtin.digest', urgent: false });
    expect(handed[0]?.items.map((item) => item.event.id).sort()).toEqual(Array.from({ length: 45 }, (_, i) => `digest-${i}`).sort());
    expect(handed[0]?.items[7]?.event.data).toEqual({ note: `about ${handed[0]?.items[7]?.event.id}` });
  });

  it('loses nothing to concurrent joins, and a join after the claim opens the next digest instead of being dropped', async () => {
    const store = context.app.get(DigestStore);
    const at = Date.now() + 60 * DAY_MS;
    const window = { kind: 'storm' as const, window: `inc-race@${at}`, at };
    const join = (key: string) => store.join({ recipient: alice, channel: 'in_app', window, noticeKey: key, category: 'update', items: notice(key, 'update').items }, at - 1000);
    const keys = Array.from({ length: 40 }, (_, i) => `race-${i}`);
    const joined = await Promise.all([...keys, ...keys.slice(0, 10)].map(join));
    expect(new Set(joined.map((j) => j.digestId)).size).toBe(1);
    const claimed = await store.claimDue(at, 60_000);
    expect(claimed?.entries.map((e) => e.noticeKey).sort()).toEqual([...keys].sort());
    const late = await join('race-late');
    expect(late.digestId).not.toBe(joined[0]?.digestId);
    expect(await join('race-late')).toEqual(late);
    await store.markFlushed(claimed?.digestId ?? '', at);
    expect((await store.claimDue(at, 60_000))?.entries.map((e) => e.noticeKey)).toEqual(['race-late']);
  });

  it('gives a window’s slots once across concurrent takers', async () => {
    const slots = context.app.get(WindowSlots);
    const start = Date.now() + 70 * DAY_MS;
    const taken = await Promise.all(Array.from({ length: 20 }, (_, i) => slots.take('rate|spec|email', start, start + 600_000, `k${i}`, 5)));
    expect(taken.filter(Boolean)).toHaveLength(5);
    const winners = taken.flatMap((t, i) => (t ? [`k${i}`] : []));
    expect(await Promise.all(winners.map((k) => slots.take('rate|spec|email', start, start + 600_000, k, 5)))).toEqual([true, true, true, true, true]);
    expect(await slots.take('rate|spec|email', start, start + 600_000, 'k-other', 5)).toBe(false);
    expect(await slots.purgeEnded(start + 600_001)).toBeGreaterThanOrEqual(1);
    expect(await slots.take('rate|spec|email', start, start + 600_000, 'k-other', 5)).toBe(true);
  });

  it('takes a batch of slots in one write, in order within a window, and gives each slot once across concurrent batches', async () => {
    const slots = context.app.get(WindowSlots);
    const start = Date.now() + 71 * DAY_MS;
    const take = (counter: string, itemKey: string, limit = 3) => ({ counter, windowStart: start, windowEnd: start + 600_000, itemKey, limit });
    const batch = [take('storm|a', 'a1'), take('storm|b', 'b1'), take('storm|a', 'a2'), take('storm|a', 'a1'), take('storm|a', 'a3'), take('storm|a', 'a4'), take('storm|b', 'b2', 1)];
    expect(await slots.takeMany(batch)).toEqual([true, true, true, true, true, false, false]);
    expect(await slots.takeMany(batch)).toEqual([true, true, true, true, true, false, false]);
    expect(await slots.takeMany([])).toEqual([]);
    const racing = Array.from({ length: 8 }, (_, i) => take('rate|race', `r${i}`, 4));
    const asked = [racing, [...racing].reverse(), racing.slice(2)];
    const answers = await Promise.all(asked.map((takes) => slots.takeMany(takes)));
    const winners = new Set(asked.flatMap((takes, n) => takes.filter((_, at) => answers[n]?.[at] === true).map((t) => t.itemKey)));
    expect(winners.size).toBe(4);
  });
});
