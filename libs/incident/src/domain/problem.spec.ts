import { PLATFORM_TOPICS, TopicRegistry } from '@itsm/contracts';
import type { GroupRef } from './assignment-group';
import { IncidentError, IncidentErrorCode } from './incident.errors';
import { DEFAULT_PRIORITY_MATRIX } from './priority-matrix';
import type { OpenProblemInput, Problem, ProblemCommand, ProblemEvent, ProblemState } from './problem';
import { evolveProblem, executeProblem, openProblem } from './problem';

const registry = new TopicRegistry(PLATFORM_TOPICS);
const T0 = new Date('2026-03-02T09:00:00.000Z');
const ANALYST = 'analyst-1';
const PROBLEM_TEAM: GroupRef = { id: 'grp-problem', orgId: null, members: [ANALYST] };

const INPUT: OpenProblemInput = {
  id: 'prb-1',
  number: 'PRB0000001',
  title: 'VPN gateway drops sessions',
  description: 'Seen in 12 incidents.',
  impact: 1,
  urgency: 2,
  group: PROBLEM_TEAM,
  serviceId: 'svc-vpn',
  configurationItemIds: ['ci-gw-1', 'ci-gw-1'],
};

/** A problem's life step by step, one minute apart; every event is checked against the contract. */
function story() {
  let minute = 0;
  const opened = openProblem(INPUT, DEFAULT_PRIORITY_MATRIX, { by: ANALYST, at: T0 });
  let problem = opened.problem;
  const events: ProblemEvent[] = [...opened.events];
  const check = (produced: readonly ProblemEvent[]) => {
    for (const event of produced) registry.validatePayload('itsm.problem.v1', event.type, event.data);
  };
  check(events);
  return {
    get problem(): Problem {
      return problem;
    },
    events,
    run(command: ProblemCommand, by = ANALYST): ProblemEvent[] {
      minute += 1;
      const result = executeProblem(problem, command, { by, at: new Date(T0.getTime() + minute * 60_000) });
      check(result.events);
      problem = result.problem;
      events.push(...result.events);
      return result.events;
    },
  };
}

function errorOf(run: () => unknown): IncidentError {
  try {
    run();
  } catch (error) {
    if (error instanceof IncidentError) return error;
    throw error;
  }
  throw new Error('expected an IncidentError');
}

const advance = (to: 'assess' | 'root_cause_analysis' | 'fix_in_progress'): ProblemCommand => ({ kind: 'advance', to });
const resolve: ProblemCommand = { kind: 'resolve', notes: 'Firmware upgraded.', fixChangeId: 'chg-7' };
const knownError: ProblemCommand = { kind: 'record-known-error', symptom: 'Sessions drop', rootCause: 'Firmware leak', workaround: 'Reconnect' };

function problemIn(state: ProblemState) {
  const s = story();
  switch (state) {
    case 'new':
      break;
    case 'assess':
    case 'root_cause_analysis':
    case 'fix_in_progress':
      s.run(advance(state));
      break;
    case 'resolved':
      s.run(advance('root_cause_analysis'));
      s.run(resolve);
      break;
    case 'closed':
      s.run(advance('root_cause_analysis'));
      s.run(resolve);
      s.run({ kind: 'close' });
      break;
    case 'canceled':
      s.run({ kind: 'cancel', reason: 'not reproducible' });
      break;
  }
  expect(s.problem.state).toBe(state);
  return s;
}

const STATES: readonly ProblemState[] = ['new', 'assess', 'root_cause_analysis', 'fix_in_progress', 'resolved', 'closed', 'canceled'];

const COMMANDS: Record<string, ProblemCommand> = {
  assign: { kind: 'assign', group: PROBLEM_TEAM, assigneeId: ANALYST },
  'advance to assess': advance('assess'),
  'advance to root_cause_analysis': advance('root_cause_analysis'),
  'advance to fix_in_progress': advance('fix_in_progress'),
  'record-known-error': knownError,
  resolve,
  close: { kind: 'close' },
  cancel: { kind: 'cancel', reason: 'duplicate of PRB0000002' },
};

/** From which states each command is legal, and the state it leads to (`same` = unchanged). */
const LEGAL: Record<string, Partial<Record<ProblemState, ProblemState | 'same'>>> = {
  assign: { new: 'same', assess: 'same', root_cause_analysis: 'same', fix_in_progress: 'same' },
  'advance to assess': { new: 'assess' },
  'advance to root_cause_analysis': { new: 'root_cause_analysis', assess: 'root_cause_analysis' },
  'advance to fix_in_progress': { new: 'fix_in_progress', assess: 'fix_in_progress', root_cause_analysis: 'fix_in_progress' },
  'record-known-error': { new: 'same', assess: 'same', root_cause_analysis: 'same', fix_in_progress: 'same' },
  resolve: { root_cause_analysis: 'resolved', fix_in_progress: 'resolved' },
  close: { resolved: 'closed' },
  cancel: { new: 'canceled', assess: 'canceled', root_cause_analysis: 'canceled', fix_in_progress: 'canceled' },
};

const CELLS = STATES.flatMap((state) => Object.keys(COMMANDS).map((name) => ({ state, name, outcome: LEGAL[name]![state] })));
const LEGAL_CELLS = CELLS.filter((cell) => cell.outcome !== undefined).map((cell) => [cell.state, cell.name, cell.outcome!] as const);
const ILLEGAL_CELLS = CELLS.filter((cell) => cell.outcome === undefined).map((cell) => [cell.state, cell.name] as const);

describe('problem lifecycle: the state x command table', () => {
  it('covers 7 states x 8 commands', () => {
    expect(LEGAL_CELLS).toHaveLength(21);
    expect(ILLEGAL_CELLS).toHaveLength(35);
  });

  it.each(LEGAL_CELLS)('%s + %s is legal', (state, name, outcome) => {
    const s = problemIn(state);
    const before = s.problem;
    const events = s.run(COMMANDS[name]!, 'analyst-2');
    const expected = outcome === 'same' ? state : outcome;
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ state: expected, by: 'analyst-2', at: s.problem.updatedAt.toISOString() });
    expect(s.problem.state).toBe(expected);
    expect(s.problem.sequence).toBe(before.sequence + 1);
  });

  it.each(ILLEGAL_CELLS)('%s + %s is refused with PROBLEM.ILLEGAL_TRANSITION', (state, name) => {
    const s = problemIn(state);
    const error = errorOf(() => s.run(COMMANDS[name]!));
    expect(error.code).toBe(IncidentErrorCode.ProblemIllegalTransition);
    expect(error.details['state']).toBe(state);
  });

  it.each(['closed', 'canceled'] as const)('%s is final', (state) => {
    const s = problemIn(state);
    for (const command of Object.values(COMMANDS)) expect(errorOf(() => s.run(command)).code).toBe(IncidentErrorCode.ProblemIllegalTransition);
  });
});

describe('problem', () => {
  it('opens prioritised by the matrix, with its group and distinct CIs', () => {
    const s = story();
    expect(s.problem).toMatchObject({ state: 'new', priority: 2, assignmentGroupId: 'grp-problem', configurationItemIds: ['ci-gw-1'], sequence: 1, openedBy: ANALYST });
  });

  it('moves forward only, skipping ahead allowed', () => {
    const s = story();
    const [advanced] = s.run(advance('root_cause_analysis'));
    expect(advanced!.data).toMatchObject({ from: 'new', state: 'root_cause_analysis' });
    expect(errorOf(() => s.run(advance('assess'))).code).toBe(IncidentErrorCode.ProblemIllegalTransition);
    expect(errorOf(() => s.run(advance('root_cause_analysis'))).code).toBe(IncidentErrorCode.ProblemIllegalTransition);
    s.run(advance('fix_in_progress'));
    expect(s.problem.state).toBe('fix_in_progress');
  });

  it('records a known error: symptom, root cause, workaround, who and when', () => {
    const s = problemIn('root_cause_analysis');
    s.run({ kind: 'record-known-error', symptom: '  Sessions drop ', rootCause: 'Firmware leak', workaround: 'Reconnect' }, 'analyst-2');
    expect(s.problem.knownError).toEqual({ symptom: 'Sessions drop', rootCause: 'Firmware leak', workaround: 'Reconnect', recordedBy: 'analyst-2', recordedAt: s.problem.updatedAt });
    expect(s.problem.state).toBe('root_cause_analysis');
    expect(errorOf(() => s.run({ ...knownError, workaround: '' })).code).toBe(IncidentErrorCode.InvalidInput);
  });

  it('records the resolution notes and the fixing change', () => {
    const s = problemIn('fix_in_progress');
    s.run(resolve);
    expect(s.problem).toMatchObject({ state: 'resolved', resolutionNotes: 'Firmware upgraded.', fixChangeId: 'chg-7' });
  });

  it('assigns only a member of the group', () => {
    const s = story();
    expect(errorOf(() => s.run({ kind: 'assign', group: PROBLEM_TEAM, assigneeId: 'someone-else' })).code).toBe(IncidentErrorCode.AssigneeNotInGroup);
    s.run({ kind: 'assign', group: { id: 'grp-acme', orgId: 'org-acme', members: ['acme-1'] }, assigneeId: 'acme-1' });
    expect(s.problem).toMatchObject({ assignmentGroupId: 'grp-acme', assignedOrgId: 'org-acme', assigneeId: 'acme-1' });
  });

  it('replays to the same problem, counting events in `sequence`', () => {
    const s = story();
    s.run(advance('assess'));
    s.run({ kind: 'assign', group: PROBLEM_TEAM, assigneeId: ANALYST });
    s.run(advance('root_cause_analysis'));
    s.run(knownError);
    s.run(advance('fix_in_progress'));
    s.run(resolve);
    s.run({ kind: 'close' });
    const replayed = s.events.reduce<Problem | undefined>((problem, event) => evolveProblem(problem, event, 'prb-1'), undefined);
    expect(replayed).toEqual(s.problem);
    expect(s.problem.sequence).toBe(8);
    expect(s.events).toHaveLength(8);
  });
});
