import { ChangeErrorCode } from '../change.errors';
import { buildAgenda } from './cab-agenda';
import type { AgendaCandidate, CabOccurrence } from './cab-agenda';
import { flagForCab, publishCabMinutes, recordCabDecision } from './cab-decision';
import type { CabRoster } from './cab-decision';
import { checkCabSettings } from './cab-meeting';
import type { CabMeeting, CabMeetingSettings } from './cab-meeting';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** An arbitrary instant: every other instant is relative to it. */
const T0 = Date.UTC(2031, 2, 4, 14, 0);
const at = (ms: number): Date => new Date(T0 + ms);
const meetingOf = (offset: number): CabOccurrence => ({ start: at(offset), end: at(offset + HOUR) });
const first = meetingOf(0);
const second = meetingOf(7 * DAY);

const settings: CabMeetingSettings = {
  name: 'Weekly CAB',
  schedule: { rrule: 'FREQ=WEEKLY;BYDAY=TU', firstStart: '2031-03-04T14:00', durationMinutes: 60, timeZone: 'Europe/London' },
  memberGroupIds: ['cab'],
  memberIds: [],
  delegates: [{ delegateId: 'dora', forMemberId: 'carl' }],
  models: ['normal'],
  slotMinutes: 10,
  active: true,
};
const meeting: CabMeeting = { ...settings, id: 'weekly', flags: [], occurrences: [], createdAt: at(-DAY), updatedAt: at(-DAY), version: 1 };
const roster: CabRoster = { memberIds: new Set(['carl', 'cleo']), delegates: settings.delegates };

function change(n: number, extra: Partial<AgendaCandidate> = {}): AgendaCandidate {
  return { changeId: `c${n}`, number: `CHG000${1000 + n}`, title: `Change ${n}`, model: 'normal', state: 'authorize', risk: 'moderate', plannedStart: at(2 * DAY + n * HOUR), ...extra };
}

describe('buildAgenda', () => {
  it('lists changes awaiting authorisation after the meeting, highest risk first, then planned start, each in its slot', () => {
    const candidates = [
      change(1, { risk: 'low' }),
      change(2, { risk: 'high', plannedStart: at(3 * DAY) }),
      change(3, { risk: 'high', plannedStart: at(2 * DAY) }),
      change(4, { risk: null, plannedStart: null }),
      change(5, { state: 'scheduled' }),
      change(6, { model: 'emergency' }),
      change(7, { plannedStart: at(30 * MINUTE) }),
    ];
    const agenda = buildAgenda(meeting, first, candidates);
    expect(agenda.map((i) => [i.number, i.slotStart.getTime() - T0, i.slotEnd.getTime() - T0])).toEqual([
      ['CHG0001003', 0, 10 * MINUTE],
      ['CHG0001002', 10 * MINUTE, 20 * MINUTE],
      ['CHG0001001', 20 * MINUTE, 30 * MINUTE],
      ['CHG0001004', 30 * MINUTE, 40 * MINUTE],
    ]);
    expect(agenda.every((i) => i.withinMeeting && i.why === 'awaiting' && i.decision === null)).toBe(true);
  });

  it('marks the items that do not fit in the meeting', () => {
    const agenda = buildAgenda({ ...meeting, slotMinutes: 25 }, first, [change(1), change(2), change(3)]);
    expect(agenda.map((i) => i.withinMeeting)).toEqual([true, true, false]);
  });

  it('takes a change planned before the meeting when a change manager flags it', () => {
    const early = change(7, { plannedStart: at(30 * MINUTE) });
    const flagged = flagForCab(meeting, first, 'c7', 'manager', 'urgent fix', at(-HOUR));
    expect(buildAgenda(flagged, first, [early]).map((i) => [i.number, i.why])).toEqual([['CHG0001007', 'flagged']]);
    expect(buildAgenda(flagged, second, [early])).toEqual([]);
  });
});

describe('CAB decisions', () => {
  const candidates = [change(1), change(2, { risk: 'high' })];
  const agenda = buildAgenda(meeting, first, candidates);
  const decide = (changeId: string, decision: 'authorise' | 'reject' | 'defer', by = 'carl', reason: string | null = null) =>
    recordCabDecision(meeting, first, agenda, roster, { changeId, decision, reason, by }, second, at(5 * MINUTE));

  it('records a member\'s decision with its event; the item then shows it', () => {
    const outcome = decide('c2', 'authorise');
    expect(outcome.events).toEqual([
      { type: 'itsm.change.cab-decision-recorded.v1', data: { meetingId: 'weekly', occurrenceStart: first.start.toISOString(), changeId: 'c2', decision: 'authorise', reason: null, by: 'carl', at: at(5 * MINUTE).toISOString() } },
    ]);
    const after = buildAgenda(outcome.meeting, first, [change(1), change(2, { risk: 'high', state: 'scheduled' })]);
    expect(after.map((i) => [i.number, i.decision?.decision ?? null])).toEqual([['CHG0001002', 'authorise'], ['CHG0001001', null]]);
  });

  it('refuses a decision on a change not on the agenda with CHANGE.NOT_ON_AGENDA', () => {
    expect(() => decide('c9', 'authorise')).toThrow(expect.objectContaining({ code: ChangeErrorCode.NotOnAgenda, details: expect.objectContaining({ changeId: 'c9' }) }));
  });

  it('lets a delegate decide for their member, and nobody else', () => {
    expect(decide('c1', 'reject', 'dora', 'no backout plan').onBehalfOf).toBe('carl');
    expect(() => decide('c1', 'authorise', 'eve')).toThrow(expect.objectContaining({ code: ChangeErrorCode.NotEntitled }));
    // A delegate whose member left the board decides for nobody.
    expect(() => recordCabDecision(meeting, first, agenda, { ...roster, memberIds: new Set(['cleo']) }, { changeId: 'c1', decision: 'authorise', reason: null, by: 'dora' }, second, at(0))).toThrow(
      expect.objectContaining({ code: ChangeErrorCode.NotEntitled }),
    );
  });

  it('needs a reason to reject or defer, and decides each item once', () => {
    expect(() => decide('c1', 'defer')).toThrow(expect.objectContaining({ code: ChangeErrorCode.InvalidInput, details: { field: 'reason' } }));
    const once = decide('c1', 'authorise').meeting;
    const agendaAfter = buildAgenda(once, first, candidates);
    expect(() => recordCabDecision(once, first, agendaAfter, roster, { changeId: 'c1', decision: 'reject', reason: 'no', by: 'cleo' }, second, at(0))).toThrow(
      expect.objectContaining({ code: ChangeErrorCode.IllegalTransition }),
    );
  });

  it('a deferral puts the change on the next meeting\'s agenda, even when its planned start is before that one', () => {
    const soon = change(1, { plannedStart: at(2 * DAY) });
    const deferred = recordCabDecision(meeting, first, buildAgenda(meeting, first, [soon]), roster, { changeId: 'c1', decision: 'defer', reason: 'needs the DBA', by: 'carl' }, second, at(0));
    expect(buildAgenda(deferred.meeting, second, [soon]).map((i) => [i.number, i.why, i.decision])).toEqual([['CHG0001001', 'flagged', null]]);
    expect(() => recordCabDecision(meeting, first, agenda, roster, { changeId: 'c1', decision: 'defer', reason: 'later', by: 'carl' }, null, at(0))).toThrow(
      expect.objectContaining({ code: ChangeErrorCode.IllegalTransition }),
    );
  });
});

describe('CAB minutes', () => {
  const agenda = buildAgenda(meeting, first, [change(1), change(2)]);
  const decided = recordCabDecision(meeting, first, agenda, roster, { changeId: 'c1', decision: 'authorise', reason: null, by: 'carl' }, second, at(MINUTE)).meeting;
  const agendaAfter = buildAgenda(decided, first, [change(1, { state: 'scheduled' }), change(2)]);

  it('publishes attendees and every item with its decision once the meeting is over, then closes the occurrence', () => {
    const { meeting: published, events } = publishCabMinutes(decided, first, agendaAfter, roster, { attendeeIds: ['carl', 'dora', 'carl'], by: 'carl', byManager: false }, first.end);
    expect(events[0]?.data).toMatchObject({
      meetingId: 'weekly',
      name: 'Weekly CAB',
      attendeeIds: ['carl', 'dora'],
      items: [
        { changeId: 'c1', number: 'CHG0001001', decision: 'authorise', reason: null },
        { changeId: 'c2', number: 'CHG0001002', decision: null, reason: null },
      ],
    });
    expect(() => publishCabMinutes(published, first, agendaAfter, roster, { attendeeIds: [], by: 'carl', byManager: false }, at(2 * HOUR))).toThrow(expect.objectContaining({ code: ChangeErrorCode.IllegalTransition }));
    expect(() => recordCabDecision(published, first, agendaAfter, roster, { changeId: 'c2', decision: 'authorise', reason: null, by: 'carl' }, second, at(2 * HOUR))).toThrow(
      expect.objectContaining({ code: ChangeErrorCode.IllegalTransition }),
    );
  });

  it('refuses minutes before the end, strangers as attendees, and publishers off the board', () => {
    const publish = (attendeeIds: string[], by: string, now: Date) => () => publishCabMinutes(decided, first, agendaAfter, roster, { attendeeIds, by, byManager: false }, now);
    expect(publish(['carl'], 'carl', at(HOUR - 1))).toThrow(expect.objectContaining({ code: ChangeErrorCode.IllegalTransition }));
    expect(publish(['carl', 'eve'], 'carl', first.end)).toThrow(expect.objectContaining({ code: ChangeErrorCode.InvalidInput, details: { field: 'attendeeIds' } }));
    expect(publish(['carl'], 'eve', first.end)).toThrow(expect.objectContaining({ code: ChangeErrorCode.NotEntitled }));
  });
});

describe('checkCabSettings', () => {
  it.each<[string, Partial<CabMeetingSettings>, string]>([
    ['no members', { memberGroupIds: [], memberIds: [] }, 'memberIds'],
    ['a self-delegate', { delegates: [{ delegateId: 'carl', forMemberId: 'carl' }] }, 'delegates[0]'],
    ['an unknown model', { models: ['urgent' as never] }, 'models'],
    ['a zero slot', { slotMinutes: 0 }, 'slotMinutes'],
    ['a bad id', { memberIds: ['carl smith'] }, 'memberIds'],
  ])('refuses %s', (_, change, field) => {
    expect(() => checkCabSettings({ ...settings, ...change })).toThrow(expect.objectContaining({ code: ChangeErrorCode.InvalidInput, details: { field } }));
  });
});
