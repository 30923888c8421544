import { PLATFORM_TOPICS, TopicRegistry } from '@itsm/contracts';
import type { Incident, IncidentCommand, IncidentEvent, OpenIncidentInput } from './incident';
import { executeIncident, openIncident } from './incident';
import { IncidentError, IncidentErrorCode } from './incident.errors';
import type { IncidentCluster, MajorIncidentRules } from './major-incident';
import { DEFAULT_MAJOR_INCIDENT_RULES, majorIncidentReasons } from './major-incident';
import { DEFAULT_PRIORITY_MATRIX } from './priority-matrix';

const registry = new TopicRegistry(PLATFORM_TOPICS);
const T0 = new Date('2026-03-02T09:00:00.000Z');
const MANAGER = 'manager-1';

const INPUT: OpenIncidentInput = {
  id: 'inc-1',
  number: 'INC0000001',
  title: 'Mail is down',
  description: '',
  callerId: 'caller-1',
  callerOrgId: null,
  category: null,
  impact: 1,
  urgency: 1,
  serviceId: 'svc-mail',
  configurationItemIds: [],
  group: null,
  assigneeId: null,
};

/** Runs commands from an opened incident; every produced event is checked against the contract. */
function after(commands: readonly IncidentCommand[], input: Partial<OpenIncidentInput> = {}): { incident: Incident; events: IncidentEvent[] } {
  const opened = openIncident({ ...INPUT, ...input }, DEFAULT_PRIORITY_MATRIX, { by: 'agent-1', at: T0 });
  let incident = opened.incident;
  let events: IncidentEvent[] = opened.events;
  commands.forEach((command, index) => {
    ({ incident, events } = executeIncident(incident, command, { by: MANAGER, at: new Date(T0.getTime() + (index + 1) * 60_000) }));
    for (const event of events) registry.validatePayload('itsm.incident.v1', event.type, event.data);
  });
  return { incident, events };
}

function codeOf(run: () => unknown): IncidentErrorCode {
  try {
    run();
  } catch (error) {
    if (error instanceof IncidentError) return error.code;
    throw error;
  }
  throw new Error('expected an IncidentError');
}

const propose = (...reasons: string[]): IncidentCommand => ({ kind: 'propose-major', reasons });
const promote: IncidentCommand = { kind: 'promote-major' };
const decline: IncidentCommand = { kind: 'decline-major', reason: 'affects one user' };
const cluster = (count: number, kind: IncidentCluster['kind'] = 'service'): IncidentCluster => ({ targetId: 'svc-mail', kind, count });

describe('majorIncidentReasons', () => {
  const rules = DEFAULT_MAJOR_INCIDENT_RULES;

  it('proposes a P1 at once', () => {
    expect(majorIncidentReasons(after([]).incident, [], rules)).toEqual(['priority P1']);
  });

  it('does not propose a P2 on its own', () => {
    expect(majorIncidentReasons(after([], { urgency: 2 }).incident, [], rules)).toEqual([]);
  });

  it('proposes a cluster at the threshold but not below it', () => {
    const p3 = after([], { impact: 2, urgency: 2 }).incident;
    expect(majorIncidentReasons(p3, [cluster(rules.clusterSize - 1)], rules)).toEqual([]);
    expect(majorIncidentReasons(p3, [cluster(rules.clusterSize)], rules)).toEqual(['5 active incidents on service svc-mail within 60 min']);
    expect(majorIncidentReasons(p3, [cluster(7, 'configuration_item')], rules)).toEqual(['7 active incidents on CI svc-mail within 60 min']);
  });

  it('follows custom rules and lists every matching rule', () => {
    const custom: MajorIncidentRules = { proposeAtPriorities: [1, 2], clusterSize: 2, clusterWindowMinutes: 15 };
    const p2 = after([], { urgency: 2 }).incident;
    expect(majorIncidentReasons(p2, [cluster(2), cluster(1)], custom)).toEqual(['priority P2', '2 active incidents on service svc-mail within 15 min']);
  });

  it('keeps at most 10 reasons, which a proposal accepts', () => {
    const reasons = majorIncidentReasons(after([]).incident, Array.from({ length: 12 }, () => cluster(9)), rules);
    expect(reasons).toHaveLength(10);
    expect(after([propose(...reasons)]).incident.majorReasons).toEqual(reasons);
  });

  it.each([
    ['already proposed', [propose('priority P1')]],
    ['already promoted', [promote]],
    ['declined', [propose('priority P1'), decline]],
    ['resolved', [{ kind: 'resolve', code: 'fixed', notes: 'ok', cause: 'manual', causeId: null }]],
    ['canceled', [{ kind: 'cancel', reason: 'duplicate' }]],
  ] as const)('proposes nothing when %s', (_label, commands: readonly IncidentCommand[]) => {
    expect(majorIncidentReasons(after(commands).incident, [cluster(50)], DEFAULT_MAJOR_INCIDENT_RULES)).toEqual([]);
  });
});

describe('major incident decisions', () => {
  it('a proposal records its reasons', () => {
    const { incident, events } = after([propose('priority P1', '5 active incidents on service svc-mail within 60 min')]);
    expect(events[0]!.data).toMatchObject({ reasons: ['priority P1', '5 active incidents on service svc-mail within 60 min'], state: 'new', by: MANAGER });
    expect(incident).toMatchObject({ major: 'proposed', majorReasons: ['priority P1', '5 active incidents on service svc-mail within 60 min'] });
  });

  it('a proposal needs 1 to 10 non-blank reasons of at most 200 characters', () => {
    expect(codeOf(() => after([propose()]))).toBe(IncidentErrorCode.InvalidInput);
    expect(codeOf(() => after([propose(...Array.from({ length: 11 }, (_, i) => `reason ${i}`))]))).toBe(IncidentErrorCode.InvalidInput);
    expect(codeOf(() => after([propose(' ')]))).toBe(IncidentErrorCode.InvalidInput);
    expect(codeOf(() => after([propose('x'.repeat(201))]))).toBe(IncidentErrorCode.InvalidInput);
  });

  it('a second proposal emits nothing', () => {
    expect(after([propose('priority P1'), propose('again')]).events).toEqual([]);
  });

  it('promotes a proposed incident, and a promoted one only once', () => {
    const promoted = after([propose('priority P1'), promote]);
    expect(promoted.events.map((event) => event.type)).toEqual(['itsm.incident.major-promoted.v1']);
    expect(promoted.incident).toMatchObject({ major: 'promoted', majorReasons: ['priority P1'] });
    expect(after([propose('priority P1'), promote, promote]).events).toEqual([]);
  });

  it('declines only a proposed incident', () => {
    const declined = after([propose('priority P1'), decline]);
    expect(declined.events[0]!.data).toMatchObject({ reason: 'affects one user', state: 'new', by: MANAGER });
    expect(declined.incident.major).toBe('declined');
    expect(codeOf(() => after([decline]))).toBe(IncidentErrorCode.MajorNotProposed);
    expect(codeOf(() => after([promote, decline]))).toBe(IncidentErrorCode.MajorNotProposed);
    expect(codeOf(() => after([propose('priority P1'), decline, decline]))).toBe(IncidentErrorCode.MajorNotProposed);
  });

  it('a declined incident is not proposed again', () => {
    const { incident, events } = after([propose('priority P1'), decline, propose('priority P1')]);
    expect(events).toEqual([]);
    expect(incident.major).toBe('declined');
  });
});
