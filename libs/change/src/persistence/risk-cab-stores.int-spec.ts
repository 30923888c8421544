import { changeSubject } from '@itsm/contracts';
import { ContextPersistenceModule, contextRepository, schemaIndexes } from '@itsm/platform/persistence';
import type { StoredDocument } from '@itsm/platform/persistence';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import { ChangeErrorCode } from '../domain/change.errors';
import { recordCabDecision } from '../domain/cab';
import type { AgendaItem, CabMeeting } from '../domain/cab';
import type { RiskRule } from '../domain/risk';
import { CabMeetingRepository } from './cab-meeting.repository';
import { cabMeetingSchema } from './cab-meeting.schema';
import type { CabMeetingDocument } from './cab-meeting.schema';
import { RiskAnswerRepository, RiskQuestionnaireRepository, RiskRuleRepository } from './risk-configuration.repository';

const mongoUrl = (): string => {
  const url = process.env['ITSM_TEST_MONGO_URL'];
  if (url === undefined) throw new Error('run with jest.int.config.ts');
  return url;
};

const CONNECTION = Symbol('CHANGE_RISK_CAB_TEST_CONNECTION');
const T0 = new Date(Date.UTC(2031, 0, 7, 14));
const at = (ms: number): Date => new Date(T0.getTime() + ms);

/** The risk and CAB stores on the MongoDB peer (indexes declared and created as ChangeModule registers them). */
describe('risk and CAB stores on the MongoDB peer', () => {
  let app: INestApplicationContext;
  let rules: RiskRuleRepository;
  let questionnaires: RiskQuestionnaireRepository;
  let answers: RiskAnswerRepository;
  let meetings: CabMeetingRepository;

  beforeAll(async () => {
    const persistence = ContextPersistenceModule.forRoot({
      context: 'change',
      mongo: { url: mongoUrl(), dbPrefix: `itsm_test_${randomUUID().slice(0, 8)}` },
      connection: CONNECTION,
      repositories: [
        contextRepository(RiskRuleRepository, (c) => new RiskRuleRepository(c), RiskRuleRepository.indexes),
        contextRepository(RiskQuestionnaireRepository, (c) => new RiskQuestionnaireRepository(c), RiskQuestionnaireRepository.indexes),
        contextRepository(RiskAnswerRepository, (c) => new RiskAnswerRepository(c), RiskAnswerRepository.indexes),
        // As outboxRepository declares it, without the relay (the messaging module is not booted here).
        contextRepository(CabMeetingRepository, (c) => new CabMeetingRepository(c.model('ChangeCabMeeting', cabMeetingSchema) as unknown as Model<StoredDocument<CabMeetingDocument>>, () => undefined), [schemaIndexes(cabMeetingSchema)]),
      ],
    });
    app = await NestFactory.createApplicationContext(persistence, { logger: false });
    rules = app.get(RiskRuleRepository);
    questionnaires = app.get(RiskQuestionnaireRepository);
    answers = app.get(RiskAnswerRepository);
    meetings = app.get(CabMeetingRepository);
  });
  afterAll(async () => {
    await app.get<Connection>(CONNECTION).dropDatabase();
    await app.close();
  });

  const rule = (id: string, name: string): RiskRule => ({ id, name, condition: { kind: 'impacted_services', atLeast: 2 }, level: 'high', active: true, createdAt: T0, updatedAt: T0, version: 1 });

  it('keeps risk rules by name, replaces at the version read, refuses a taken id and deletes', async () => {
    await rules.create(rule('b-rule', 'beta'));
    await rules.create(rule('a-rule', 'Alpha'));
    await expect(rules.create(rule('a-rule', 'again'))).rejects.toMatchObject({ code: ChangeErrorCode.Conflict });
    expect((await rules.all()).map((r) => r.id)).toEqual(['a-rule', 'b-rule']);
    await rules.replace({ ...rule('a-rule', 'Alpha'), level: 'low', version: 2 }, 1);
    await expect(rules.replace({ ...rule('a-rule', 'Alpha'), version: 3 }, 1)).rejects.toMatchObject({ code: ChangeErrorCode.Conflict });
    expect(await rules.byId('a-rule')).toMatchObject({ level: 'low', version: 2, condition: { kind: 'impacted_services', atLeast: 2 }, createdAt: T0 });
    expect(await rules.delete('a-rule')).toBe(true);
    expect(await rules.delete('a-rule')).toBe(false);
  });

  it('keeps one questionnaire at its version, and each change\'s latest answers', async () => {
    const q = { questions: [{ id: 'q', text: 'Q?', answers: [{ id: 'a', text: 'A', weight: 0 }, { id: 'b', text: 'B', weight: 2 }] }], thresholds: [{ minScore: 2, level: 'high' as const }], updatedAt: T0, version: 1 };
    await questionnaires.save(q, 0);
    await expect(questionnaires.save(q, 0)).rejects.toMatchObject({ code: ChangeErrorCode.Conflict });
    await questionnaires.save({ ...q, version: 2 }, 1);
    expect(await questionnaires.get()).toEqual({ ...q, version: 2 });
    await answers.put('c1', { q: 'a' }, 'p1', T0);
    await answers.put('c1', { q: 'b' }, 'p2', T0);
    expect(await answers.get('c1')).toEqual({ q: 'b' });
    expect(await answers.get('c2')).toBeUndefined();
  });

  it('stores a CAB meeting with its decisions and events in one write, keyed by its subject', async () => {
    const meeting: CabMeeting = {
      id: 'weekly',
      name: 'Weekly CAB',
      schedule: { rrule: 'FREQ=WEEKLY;BYDAY=TU', firstStart: '2031-01-07T14:00', durationMinutes: 60, timeZone: 'Europe/London' },
      memberGroupIds: [],
      memberIds: ['p1'],
      delegates: [{ delegateId: 'p2', forMemberId: 'p1' }],
      models: ['normal'],
      slotMinutes: 10,
      active: true,
      flags: [],
      occurrences: [],
      createdAt: T0,
      updatedAt: T0,
      version: 1,
    };
    await meetings.create(meeting);
    await expect(meetings.create(meeting)).rejects.toMatchObject({ code: ChangeErrorCode.Conflict });
    const occurrence = { start: T0, end: at(3_600_000) };
    const item: AgendaItem = { changeId: 'c1', number: 'CHG0001001', title: 'T', risk: 'high', plannedStart: at(86_400_000), slotStart: T0, slotEnd: at(600_000), withinMeeting: true, why: 'awaiting', decision: null };
    const loaded = await meetings.load('weekly');
    const outcome = recordCabDecision(loaded!.aggregate, occurrence, [item], { memberIds: new Set(['p1']), delegates: meeting.delegates }, { changeId: 'c1', decision: 'defer', reason: 'later', by: 'p2' }, { start: at(7 * 86_400_000), end: at(7 * 86_400_000 + 3_600_000) }, at(60_000));
    expect(await meetings.save(loaded!, outcome.meeting, outcome.events)).toMatchObject({ status: 'saved' });
    await expect(meetings.save(loaded!, outcome.meeting, outcome.events)).rejects.toMatchObject({ code: 'PERSISTENCE.CONFLICT' });
    const stored = await meetings.byId('weekly');
    expect(stored?.occurrences[0]?.decisions[0]).toMatchObject({ changeId: 'c1', decision: 'defer', onBehalfOf: 'p1', at: at(60_000) });
    expect(stored?.flags).toEqual([{ changeId: 'c1', occurrenceStart: at(7 * 86_400_000), by: 'p2', reason: 'later' }]);
    const document = await app.get<Connection>(CONNECTION).collection('change_cab_meetings').findOne({ _id: CabMeetingRepository.keyOf('weekly') });
    expect(document?._id.toHexString()).toBe(changeSubject('cab-meeting', 'weekly'));
    expect(document?.['_outbox']).toEqual([expect.objectContaining({ type: 'itsm.change.cab-decision-recorded.v1', subject: changeSubject('cab-meeting', 'weekly'), sequence: 1 })]);
    expect((await meetings.list(false)).map((m) => m.id)).toEqual(['weekly']);
  });
});
