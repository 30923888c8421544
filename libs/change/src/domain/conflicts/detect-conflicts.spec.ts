import { ChangeCalendar } from '../calendar/change-calendar';
import { compileMaintenanceWindow } from '../calendar/maintenance-window';
import { ChangeErrorCode } from '../change.errors';
import type { ConflictGraph, ConflictSubject } from './change-conflict';
import type { ConflictSources } from './detect-conflicts';
import { detectConflicts } from './detect-conflicts';
import { nextConflictFreeWindows } from './next-conflict-free-window';
import type { ScheduledChange } from './schedule-index';
import { ScheduleIndex, scheduledChangeOf } from './schedule-index';

// Fixed instants: the domain takes no clock, so nothing here depends on today's date.
/** A small deterministic generator (mulberry32): the domain's lint keeps @itsm/testing out of domain/. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY = Date.parse('2031-06-02T00:00:00Z');
const H = 3_600_000;
const w = (fromHour: number, toHour: number, day = 0): { start: number; end: number } => ({ start: DAY + day * 24 * H + fromHour * H, end: DAY + day * 24 * H + toHour * H });
const held = (id: string, number: string, cis: string[], assigneeId: string | null, window: { start: number; end: number }): ScheduledChange => ({ id, number, configurationItemIds: cis, assigneeId, ...window });

const graph: ConflictGraph = {
  facts: new Map([
    ['ci-db', { name: 'orders-db', classId: 'database' }],
    ['ci-app', { name: 'orders-app', classId: 'application' }],
    ['ci-host', { name: 'db-host-1', classId: 'server' }],
  ]),
  links: new Map([['ci-db', { parents: ['ci-app'], children: ['ci-host'] }]]),
};

function sources(): ConflictSources {
  const schedule = new ScheduleIndex([
    held('c1', 'CHG0001001', ['ci-db'], 'bob', w(10, 12)),
    held('c2', 'CHG0001002', ['ci-app'], 'carol', w(13, 14)),
    held('c3', 'CHG0001003', ['ci-elsewhere'], 'alice', w(15, 16)),
  ]);
  const calendar = new ChangeCalendar(
    [compileMaintenanceWindow('mw-db', { name: 'DB daytime', scope: 'ci_class', targetId: 'database', rrule: 'FREQ=DAILY', firstStart: '2031-01-01T09:00', durationMinutes: 9 * 60, timeZone: 'UTC' })],
    [{ id: 'bo-1', name: 'Quarter close', reason: 'Finance closes the quarter', serviceIds: [], start: new Date(w(0, 24, 2).start), end: new Date(w(0, 24, 2).end), createdAt: new Date(DAY), updatedAt: new Date(DAY), version: 1 }],
  );
  return { schedule, calendar, graph };
}

const subject: ConflictSubject = { changeId: 'c9', configurationItemIds: ['ci-db'], serviceIds: ['svc-orders'], assigneeId: 'alice' };

describe('detectConflicts', () => {
  it('another change on the same CI in an overlapping window, named with its reason', () => {
    expect(detectConflicts(subject, w(11, 11.5), sources())).toEqual([
      expect.objectContaining({ kind: 'same_ci', ciId: 'ci-db', otherChangeId: 'c1', otherChangeNumber: 'CHG0001001', overlap: w(11, 11.5), reason: 'CHG0001001 is scheduled on orders-db from 2031-06-02 10:00Z to 2031-06-02 12:00Z' }),
    ]);
  });

  it('another change on a parent CI (one relationship away) in an overlapping window', () => {
    expect(detectConflicts(subject, w(13.5, 13.75), sources())).toEqual([
      expect.objectContaining({ kind: 'related_ci', ciId: 'ci-db', relatedCiId: 'ci-app', relation: 'parent', otherChangeNumber: 'CHG0001002', reason: expect.stringContaining('orders-app, a parent of orders-db') }),
    ]);
  });

  it('the same change found through the CI and its neighbour is reported once, as the same CI', () => {
    const s = sources();
    s.schedule.put(held('c4', 'CHG0001004', ['ci-db', 'ci-host'], null, w(16, 17)));
    expect(detectConflicts(subject, w(16, 17), s).map((c) => [c.kind, c.otherChangeId])).toEqual([['same_ci', 'c4']]);
  });

  it('outside the maintenance windows that govern a CI (here its class)', () => {
    expect(detectConflicts(subject, w(17, 19), sources())).toEqual([
      expect.objectContaining({ kind: 'outside_maintenance_window', ciId: 'ci-db', windowId: 'mw-db', otherChangeId: null, reason: expect.stringContaining('not inside a maintenance window of orders-db (DB daytime)') }),
    ]);
  });

  it('inside a blackout, with the blackout and its reason', () => {
    expect(detectConflicts(subject, w(10, 11, 2), sources())).toEqual([
      expect.objectContaining({ kind: 'blackout', windowId: 'bo-1', reason: expect.stringContaining('Quarter close') }),
    ]);
    expect(detectConflicts(subject, w(10, 11, 2), sources())[0]?.reason).toContain('Finance closes the quarter');
  });

  it('the assignee already busy on another change', () => {
    expect(detectConflicts(subject, w(15.5, 16.5), sources())).toEqual([
      expect.objectContaining({ kind: 'assignee_busy', otherChangeId: 'c3', otherChangeNumber: 'CHG0001003', reason: expect.stringContaining('The assignee is already on CHG0001003') }),
    ]);
  });

  it('nothing in a free slot, touching windows do not overlap, and a change never conflicts with itself', () => {
    expect(detectConflicts(subject, w(12, 13), sources())).toEqual([]);
    expect(detectConflicts({ ...subject, changeId: 'c1' }, w(10, 12), sources())).toEqual([]);
  });

  it('only changes holding a window are indexed (authorize, scheduled, implement with a plan)', () => {
    const base = { id: 'x', number: 'CHG1', configurationItemIds: ['a'], assigneeId: null, planned: { start: new Date(DAY), end: new Date(DAY + H) } };
    expect(scheduledChangeOf({ ...base, state: 'scheduled' })).toMatchObject({ start: DAY, end: DAY + H });
    expect(scheduledChangeOf({ ...base, state: 'new' })).toBeNull();
    expect(scheduledChangeOf({ ...base, state: 'closed' })).toBeNull();
    expect(scheduledChangeOf({ ...base, state: 'implement', planned: null })).toBeNull();
  });
});

describe('nextConflictFreeWindows', () => {
  it('finds windows the check finds nothing in, skipping busy CIs, neighbours, the assignee, closed hours and the blackout', () => {
    const s = sources();
    const found = nextConflictFreeWindows(subject, s, { durationMs: 2 * H, from: w(9, 9).start, horizonDays: 5, limit: 10 });
    expect(found[0]).toEqual(w(16, 18));
    expect(found.slice(1, 6)).toEqual([w(9, 11, 1), w(11, 13, 1), w(13, 15, 1), w(15, 17, 1), w(9, 11, 3)]);
    for (const candidate of found) expect(detectConflicts(subject, candidate, s)).toEqual([]);
  });

  it('a change moved to the first candidate has no conflicts', () => {
    const s = sources();
    const planned = w(11, 13);
    expect(detectConflicts(subject, planned, s).length).toBeGreaterThan(0);
    const [next] = nextConflictFreeWindows(subject, s, { durationMs: planned.end - planned.start, from: planned.start, horizonDays: 90, limit: 1 });
    if (next === undefined) throw new Error('no candidate');
    s.schedule.put(held('c9', 'CHG0001009', ['ci-db'], 'alice', next));
    expect(detectConflicts(subject, next, s)).toEqual([]);
  });

  it.each<[string, object, string]>([
    ['a horizon over 90 days', { horizonDays: 91 }, 'horizonDays'],
    ['no candidates', { limit: 0 }, 'limit'],
    ['more than 100 candidates', { limit: 101 }, 'limit'],
    ['a zero duration', { durationMs: 0 }, 'duration'],
  ])('refuses %s', (_, change, field) => {
    expect(() => nextConflictFreeWindows(subject, sources(), { durationMs: H, from: DAY, horizonDays: 90, limit: 5, ...change })).toThrow(
      expect.objectContaining({ code: ChangeErrorCode.InvalidInput, details: { field } }),
    );
  });
});

describe('ScheduleIndex', () => {
  it('answers exactly what a scan of every change answers, through puts, moves and removals', () => {
    const random = seededRandom(14);
    const index = new ScheduleIndex();
    const all = new Map<string, ScheduledChange>();
    const pick = (n: number): string => `ci-${Math.floor(random() * n)}`;
    for (let i = 0; i < 3000; i += 1) {
      const id = `c${Math.floor(random() * 800)}`;
      if (random() < 0.15) {
        index.apply(id, null);
        all.delete(id);
        continue;
      }
      const start = DAY + Math.floor(random() * 2000) * H;
      const change = held(id, id, [pick(60), pick(60)], random() < 0.5 ? `p${Math.floor(random() * 20)}` : null, { start, end: start + Math.ceil(random() * 72) * H });
      index.put(change);
      all.set(id, change);
    }
    for (let q = 0; q < 300; q += 1) {
      const start = DAY + Math.floor(random() * 2000) * H;
      const range = { start, end: start + Math.ceil(random() * 48) * H };
      const ci = pick(60);
      const person = `p${Math.floor(random() * 20)}`;
      const overlapping = [...all.values()].filter((c) => c.start < range.end && c.end > range.start);
      const ids = (list: ScheduledChange[]): string[] => list.map((c) => c.id).sort();
      expect(ids(index.onCi(ci, range))).toEqual(ids(overlapping.filter((c) => c.configurationItemIds.includes(ci))));
      expect(ids(index.forAssignee(person, range))).toEqual(ids(overlapping.filter((c) => c.assigneeId === person)));
      expect(ids(index.overlapping(range))).toEqual(ids(overlapping));
    }
    expect(index.size).toBe(all.size);
  });
});
