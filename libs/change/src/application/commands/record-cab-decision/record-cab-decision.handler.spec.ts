import { DirectoryFeed } from '@itsm/testing';
import { ChangeErrorCode } from '../../../domain/change.errors';
import type { AgendaCandidate } from '../../../domain/cab';
import { CabMeetings } from '../../cab-meetings.service';
import { InMemoryCabChanges, InMemoryCabMeetings } from '../../test-fixtures/in-memory-cab';
import { changeDirectory, InMemoryPeople } from '../../test-fixtures/in-memory-people';
import { TestClock } from '../../test-fixtures/in-memory-risk';
import { CabOccurrencesQuery } from '../../queries/cab-occurrences/cab-occurrences.query';
import { CabOccurrencesHandler } from '../../queries/cab-occurrences/cab-occurrences.handler';
import { FlagChangeForCabCommand } from '../flag-change-for-cab/flag-change-for-cab.command';
import { FlagChangeForCabHandler } from '../flag-change-for-cab/flag-change-for-cab.handler';
import { PublishCabMinutesCommand } from '../publish-cab-minutes/publish-cab-minutes.command';
import { PublishCabMinutesHandler } from '../publish-cab-minutes/publish-cab-minutes.handler';
import { SaveCabMeetingCommand } from '../save-cab-meeting/save-cab-meeting.command';
import { SaveCabMeetingHandler } from '../save-cab-meeting/save-cab-meeting.handler';
import { RecordCabDecisionCommand } from './record-cab-decision.command';
import { RecordCabDecisionHandler } from './record-cab-decision.handler';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A Tuesday 14:00 in London (GMT): the series' first meeting; every instant is relative to it. */
const FIRST = new Date('2031-01-07T14:00:00Z');
const at = (ms: number): Date => new Date(FIRST.getTime() + ms);
const SECOND = at(7 * DAY);

const weekly = {
  name: 'Weekly CAB',
  schedule: { rrule: 'FREQ=WEEKLY;BYDAY=TU', firstStart: '2031-01-07T14:00', durationMinutes: 60, timeZone: 'Europe/London' },
  memberGroupIds: ['g-cab'],
  memberIds: ['p-manager'],
  delegates: [{ delegateId: 'p-requester', forMemberId: 'p-cab-1' }],
  models: ['normal' as const],
  slotMinutes: 10,
  active: true,
};

function change(n: number, extra: Partial<AgendaCandidate> = {}): AgendaCandidate {
  return { changeId: `c${n}`, number: `CHG000${1000 + n}`, title: `Change ${n}`, model: 'normal', state: 'authorize', risk: 'moderate', plannedStart: at(DAY + n * HOUR), ...extra };
}

async function setUp() {
  const people = await new InMemoryPeople().feed(...changeDirectory(new DirectoryFeed()));
  const store = new InMemoryCabMeetings();
  const changes = new InMemoryCabChanges();
  const clock = new TestClock(at(-DAY));
  const meetings = new CabMeetings(store, people, changes);
  await new SaveCabMeetingHandler(store, people, clock).execute(new SaveCabMeetingCommand(weekly, 'weekly'));
  changes.add(change(1, { risk: 'low' }), change(2, { risk: 'very_high' }), change(3, { risk: 'very_high', plannedStart: at(12 * HOUR) }), change(4, { plannedStart: at(30 * MINUTE) }));
  return {
    store,
    changes,
    clock,
    people,
    decide: new RecordCabDecisionHandler(meetings, changes, clock),
    publish: new PublishCabMinutesHandler(meetings, clock),
    flag: new FlagChangeForCabHandler(meetings, store, changes, clock),
    occurrences: new CabOccurrencesHandler(meetings, store),
  };
}

describe('CAB use cases', () => {
  it('lists the occurrences of a rolling window, each agenda in order (risk, then planned start) with slots', async () => {
    const { occurrences } = await setUp();
    const views = await occurrences.execute(new CabOccurrencesQuery(at(-HOUR), at(14 * DAY)));
    expect(views.map((v) => v.start)).toEqual([FIRST, SECOND]);
    expect(views[0]?.agenda.map((i) => [i.number, i.risk, i.slotStart.getTime() - FIRST.getTime()])).toEqual([
      ['CHG0001003', 'very_high', 0],
      ['CHG0001002', 'very_high', 10 * MINUTE],
      ['CHG0001001', 'low', 20 * MINUTE],
    ]);
    // A week later the changes planned before that meeting are no longer on it.
    expect(views[1]?.agenda).toEqual([]);
    await expect(occurrences.execute(new CabOccurrencesQuery(at(0), at(100 * DAY)))).rejects.toMatchObject({ code: ChangeErrorCode.InvalidInput });
  });

  it('an authorisation calls the core\'s authorise-change, then records the decision with its event', async () => {
    const { decide, changes, store } = await setUp();
    const item = await decide.execute(new RecordCabDecisionCommand('weekly', FIRST, 'c2', 'authorise', null, 'p-cab-2'));
    expect(item).toMatchObject({ number: 'CHG0001002', decision: { decision: 'authorise', by: 'p-cab-2', onBehalfOf: null } });
    expect(changes.calls).toEqual(['authorise c2 by p-cab-2']);
    expect(store.events()).toEqual([expect.objectContaining({ type: 'itsm.change.cab-decision-recorded.v1', data: expect.objectContaining({ meetingId: 'weekly', changeId: 'c2', decision: 'authorise', by: 'p-cab-2' }) })]);
  });

  it('a decision on a change not on the agenda answers CHANGE.NOT_ON_AGENDA and writes nothing', async () => {
    const { decide, changes, store } = await setUp();
    const writes = store.writes.length;
    await expect(decide.execute(new RecordCabDecisionCommand('weekly', FIRST, 'c4', 'authorise', null, 'p-cab-1'))).rejects.toMatchObject({ code: ChangeErrorCode.NotOnAgenda });
    await expect(decide.execute(new RecordCabDecisionCommand('weekly', FIRST, 'c404', 'reject', 'no', 'p-cab-1'))).rejects.toMatchObject({ code: ChangeErrorCode.NotOnAgenda });
    expect(changes.calls).toEqual([]);
    expect(changes.changes.get('c4')?.state).toBe('authorize');
    expect(store.writes).toHaveLength(writes);
  });

  it('a delegate rejects for their member; an outsider is not entitled; a wrong start is no meeting', async () => {
    const { decide, changes } = await setUp();
    expect((await decide.execute(new RecordCabDecisionCommand('weekly', FIRST, 'c1', 'reject', 'no backout plan', 'p-requester'))).decision).toMatchObject({ onBehalfOf: 'p-cab-1' });
    expect(changes.calls).toEqual(['reject c1 by p-requester: no backout plan']);
    await expect(decide.execute(new RecordCabDecisionCommand('weekly', FIRST, 'c2', 'authorise', null, 'p-implementer'))).rejects.toMatchObject({ code: ChangeErrorCode.NotEntitled });
    await expect(decide.execute(new RecordCabDecisionCommand('weekly', at(HOUR), 'c2', 'authorise', null, 'p-cab-1'))).rejects.toMatchObject({ code: ChangeErrorCode.MeetingNotFound });
  });

  it('a deferral carries the change to the next meeting; a flag puts an early change on this one', async () => {
    const { decide, flag, occurrences, changes } = await setUp();
    await decide.execute(new RecordCabDecisionCommand('weekly', FIRST, 'c1', 'defer', 'waiting for the vendor', 'p-cab-3'));
    expect(changes.calls).toEqual([]);
    const agenda = await flag.execute(new FlagChangeForCabCommand('weekly', FIRST, 'c4', 'hotfix', 'p-manager'));
    expect(agenda.map((i) => [i.number, i.why, i.decision?.decision ?? null])).toEqual([
      ['CHG0001003', 'awaiting', null],
      ['CHG0001002', 'awaiting', null],
      ['CHG0001004', 'flagged', null],
      ['CHG0001001', 'awaiting', 'defer'],
    ]);
    const next = (await occurrences.execute(new CabOccurrencesQuery(SECOND, at(8 * DAY), 'weekly')))[0];
    expect(next?.agenda.map((i) => [i.number, i.why])).toEqual([['CHG0001001', 'flagged']]);
    changes.add(change(5, { state: 'scheduled' }));
    await expect(flag.execute(new FlagChangeForCabCommand('weekly', FIRST, 'c5', null, 'p-manager'))).rejects.toMatchObject({ code: ChangeErrorCode.IllegalTransition });
  });

  it('publishes the minutes after the meeting with attendees and every item', async () => {
    const { decide, publish, clock, store } = await setUp();
    await decide.execute(new RecordCabDecisionCommand('weekly', FIRST, 'c3', 'authorise', null, 'p-cab-1'));
    clock.current = at(30 * MINUTE);
    await expect(publish.execute(new PublishCabMinutesCommand('weekly', FIRST, ['p-cab-1'], 'p-manager', true))).rejects.toMatchObject({ code: ChangeErrorCode.IllegalTransition });
    clock.current = at(HOUR);
    const minutes = await publish.execute(new PublishCabMinutesCommand('weekly', FIRST, ['p-cab-1', 'p-requester'], 'p-manager', true));
    expect(minutes.items.map((i) => [i.number, i.decision])).toEqual([['CHG0001003', 'authorise'], ['CHG0001002', null], ['CHG0001001', null]]);
    expect(store.events().map((e) => e.type)).toEqual(['itsm.change.cab-decision-recorded.v1', 'itsm.change.cab-minutes-published.v1']);
  });
});

describe('SaveCabMeetingHandler', () => {
  it('refuses a group that is not a CAB group, unknown people, and delegates for non-members, writing nothing', async () => {
    const { store, people, clock } = await setUp();
    const save = new SaveCabMeetingHandler(store, people, clock);
    const writes = store.writes.length;
    await expect(save.execute(new SaveCabMeetingCommand({ ...weekly, memberGroupIds: ['g-network'] }, 'ecab'))).rejects.toMatchObject({ code: ChangeErrorCode.UnknownGroup });
    await expect(save.execute(new SaveCabMeetingCommand({ ...weekly, memberIds: ['p-gone'] }, 'ecab'))).rejects.toMatchObject({ code: ChangeErrorCode.UnknownPerson });
    await expect(save.execute(new SaveCabMeetingCommand({ ...weekly, delegates: [{ delegateId: 'p-requester', forMemberId: 'p-implementer' }] }, 'ecab'))).rejects.toMatchObject({ code: ChangeErrorCode.InvalidInput, details: { field: 'delegates' } });
    await expect(save.execute(new SaveCabMeetingCommand({ ...weekly, schedule: { ...weekly.schedule, timeZone: 'Europe/Atlantis' } }, 'ecab'))).rejects.toMatchObject({ code: ChangeErrorCode.UnknownTimeZone });
    expect(store.writes).toHaveLength(writes);
  });

  it('replaces settings at the version read and keeps the record', async () => {
    const { store, people, clock } = await setUp();
    const save = new SaveCabMeetingHandler(store, people, clock);
    expect(await save.execute(new SaveCabMeetingCommand({ ...weekly, slotMinutes: 15 }, 'weekly', 1))).toMatchObject({ slotMinutes: 15, version: 2 });
    await expect(save.execute(new SaveCabMeetingCommand(weekly, 'weekly', 1))).rejects.toMatchObject({ code: ChangeErrorCode.Conflict });
  });
});
