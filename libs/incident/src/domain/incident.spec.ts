import { PLATFORM_TOPICS, TopicRegistry } from '@itsm/contracts';
import type { GroupRef } from './assignment-group';
import type { Actor, HoldReason, Incident, IncidentCommand, IncidentEvent, IncidentEventType, IncidentState, OpenIncidentInput, ParentCandidate } from './incident';
import { evolveIncident, executeIncident, isAutoCloseDue, openIncident } from './incident';
import { IncidentError, IncidentErrorCode } from './incident.errors';
import { DEFAULT_PRIORITY_MATRIX, toPriorityMatrix } from './priority-matrix';

// ---------------------------------------------------------------------------------------------
// Fixture: every event any test produces goes through `checked`, so domain/contract drift fails.
// ---------------------------------------------------------------------------------------------

const registry = new TopicRegistry(PLATFORM_TOPICS);

function checked<E extends IncidentEvent>(events: readonly E[]): E[] {
  for (const event of events) registry.validatePayload('itsm.incident.v1', event.type, event.data);
  return [...events];
}

const T0 = new Date('2026-03-02T09:00:00.000Z');
const DAY = 86_400_000;
const AGENT = 'agent-1';
const CALLER = 'caller-1';
const NETWORK: GroupRef = { id: 'grp-network', orgId: null, members: [AGENT, 'agent-2'] };
const ACME: GroupRef = { id: 'grp-acme', orgId: 'org-acme', members: ['acme-1'] };

const INPUT: OpenIncidentInput = {
  id: 'inc-1',
  number: 'INC0000001',
  title: 'VPN drops every 5 minutes',
  description: 'Since this morning.',
  callerId: CALLER,
  callerOrgId: null,
  category: 'network',
  impact: 2,
  urgency: 2,
  serviceId: 'svc-vpn',
  configurationItemIds: ['ci-gw-1'],
  group: NETWORK,
  assigneeId: null,
};

/** An incident's life told step by step; each step happens one minute after the previous one. */
function story(input: Partial<OpenIncidentInput> = {}) {
  let minute = 0;
  const opened = openIncident({ ...INPUT, ...input }, DEFAULT_PRIORITY_MATRIX, { by: AGENT, at: T0 });
  let incident = opened.incident;
  const events: IncidentEvent[] = checked(opened.events);
  return {
    get incident(): Incident {
      return incident;
    },
    events,
    /** The actor of the next step (without running it). */
    next(by = AGENT): Actor {
      return { by, at: new Date(T0.getTime() + (minute + 1) * 60_000) };
    },
    run(command: IncidentCommand, by = AGENT): IncidentEvent[] {
      const actor = this.next(by);
      minute += 1;
      const result = executeIncident(incident, command, actor);
      incident = result.incident;
      events.push(...checked(result.events));
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

const short = (type: IncidentEventType) => type.replace(/^itsm\.incident\./, '').replace(/\.v1$/, '');

type Command<K extends IncidentCommand['kind']> = Extract<IncidentCommand, { kind: K }>;

const start: Command<'start-work'> = { kind: 'start-work' };
const resolve: Command<'resolve'> = { kind: 'resolve', code: 'fixed', notes: 'Replaced the gateway.', cause: 'manual', causeId: null };
const hold = (reason: HoldReason): Command<'put-on-hold'> => ({ kind: 'put-on-hold', reason });
const comment = (noteId: string): Command<'add-note'> => ({ kind: 'add-note', noteId, noteKind: 'comment', body: 'Still broken here.' });
const parentCandidate = (over: Partial<ParentCandidate> = {}): ParentCandidate => ({ id: 'inc-parent', parentId: null, state: 'in_progress', ...over });

/** Builds an incident in `state` through real commands (optionally proposed as major first). */
function incidentIn(state: IncidentState, options: { proposedMajor?: boolean } = {}) {
  const s = story();
  if (options.proposedMajor) s.run({ kind: 'propose-major', reasons: ['priority P1'] });
  switch (state) {
    case 'new':
      break;
    case 'in_progress':
      s.run(start);
      break;
    case 'on_hold':
      s.run(start);
      s.run(hold('awaiting_vendor'));
      break;
    case 'resolved':
      s.run(start);
      s.run(resolve);
      break;
    case 'closed':
      s.run(start);
      s.run(resolve);
      s.run({ kind: 'close', automatic: false });
      break;
    case 'canceled':
      s.run({ kind: 'cancel', reason: 'duplicate of INC0000002' });
      break;
  }
  expect(s.incident.state).toBe(state);
  return s;
}

// ---------------------------------------------------------------------------------------------
// The state x command table
// ---------------------------------------------------------------------------------------------

type Kind = IncidentCommand['kind'];
const STATES: readonly IncidentState[] = ['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled'];

/** One effective command of each kind (the `satisfies` fails to compile when a command kind is added). */
const SAMPLE = {
  assign: { kind: 'assign', group: ACME, assigneeId: 'acme-1' },
  'start-work': start,
  'put-on-hold': hold('awaiting_vendor'),
  resume: { kind: 'resume', trigger: 'manual' },
  resolve,
  reopen: { kind: 'reopen', reason: 'It happens again.' },
  close: { kind: 'close', automatic: false },
  cancel: { kind: 'cancel', reason: 'opened by mistake' },
  'change-impact-urgency': { kind: 'change-impact-urgency', impact: 1, urgency: 1, matrix: DEFAULT_PRIORITY_MATRIX },
  'apply-matrix': { kind: 'apply-matrix', matrix: toPriorityMatrix([[1, 2, 3], [2, 4, 4], [3, 4, 5]]) },
  'add-note': { kind: 'add-note', noteId: 'note-1', noteKind: 'work_note', body: 'Checked the gateway logs.' },
  link: { kind: 'link', linkKind: 'configuration_item', targetId: 'ci-gw-2' },
  unlink: { kind: 'unlink', linkKind: 'configuration_item', targetId: 'ci-gw-1' },
  'set-parent': { kind: 'set-parent', parent: parentCandidate(), hasChildren: false },
  'propose-major': { kind: 'propose-major', reasons: ['priority P1'] },
  'promote-major': { kind: 'promote-major' },
  'decline-major': { kind: 'decline-major', reason: 'one user only' },
} as const satisfies { [K in Kind]: Command<K> };
const KINDS = Object.keys(SAMPLE) as Kind[];

interface Outcome {
  readonly events: readonly string[];
  readonly state: IncidentState;
}
const to = (state: IncidentState, ...events: string[]): Outcome => ({ events, state });

/** The legal cells, written out from the ITIL lifecycle; every cell not listed must be refused. */
const LEGAL: { readonly [K in Kind]: Partial<Record<IncidentState, Outcome>> } = {
  assign: { new: to('in_progress', 'assigned', 'work-started'), in_progress: to('in_progress', 'assigned'), on_hold: to('on_hold', 'assigned') },
  'start-work': { new: to('in_progress', 'work-started') },
  'put-on-hold': { new: to('on_hold', 'put-on-hold'), in_progress: to('on_hold', 'put-on-hold') },
  resume: { on_hold: to('in_progress', 'resumed') },
  resolve: { new: to('resolved', 'resolved'), in_progress: to('resolved', 'resolved'), on_hold: to('resolved', 'resolved') },
  reopen: { resolved: to('in_progress', 'reopened') },
  close: { resolved: to('closed', 'closed') },
  cancel: { new: to('canceled', 'canceled'), in_progress: to('canceled', 'canceled'), on_hold: to('canceled', 'canceled') },
  'change-impact-urgency': { new: to('new', 'reprioritised'), in_progress: to('in_progress', 'reprioritised'), on_hold: to('on_hold', 'reprioritised') },
  'apply-matrix': { new: to('new', 'reprioritised'), in_progress: to('in_progress', 'reprioritised'), on_hold: to('on_hold', 'reprioritised') },
  'add-note': { new: to('new', 'note-added'), in_progress: to('in_progress', 'note-added'), on_hold: to('on_hold', 'note-added'), resolved: to('resolved', 'note-added') },
  link: { new: to('new', 'linked'), in_progress: to('in_progress', 'linked'), on_hold: to('on_hold', 'linked'), resolved: to('resolved', 'linked') },
  unlink: { new: to('new', 'unlinked'), in_progress: to('in_progress', 'unlinked'), on_hold: to('on_hold', 'unlinked'), resolved: to('resolved', 'unlinked') },
  'set-parent': { new: to('new', 'parent-changed'), in_progress: to('in_progress', 'parent-changed'), on_hold: to('on_hold', 'parent-changed') },
  'propose-major': { new: to('new', 'major-proposed'), in_progress: to('in_progress', 'major-proposed'), on_hold: to('on_hold', 'major-proposed') },
  'promote-major': { new: to('new', 'major-promoted'), in_progress: to('in_progress', 'major-promoted'), on_hold: to('on_hold', 'major-promoted') },
  'decline-major': { new: to('new', 'major-declined'), in_progress: to('in_progress', 'major-declined'), on_hold: to('on_hold', 'major-declined'), resolved: to('resolved', 'major-declined') },
};

const CELLS = STATES.flatMap((state) => KINDS.map((kind) => ({ state, kind, outcome: LEGAL[kind][state] })));
const LEGAL_CELLS = CELLS.filter((cell) => cell.outcome !== undefined).map((cell) => [cell.state, cell.kind, cell.outcome!] as const);
const ILLEGAL_CELLS = CELLS.filter((cell) => cell.outcome === undefined).map((cell) => [cell.state, cell.kind] as const);

/** Decline needs a proposal to decline; every other command starts from an incident never proposed. */
const build = (state: IncidentState, kind: Kind) => incidentIn(state, { proposedMajor: kind === 'decline-major' });

describe('incident lifecycle: the state x command table', () => {
  it('covers all 6 states x 17 commands', () => {
    expect(KINDS).toHaveLength(17);
    expect(LEGAL_CELLS.length + ILLEGAL_CELLS.length).toBe(102);
    expect(LEGAL_CELLS).toHaveLength(46);
  });

  it.each(LEGAL_CELLS)('%s + %s is legal', (state, kind, outcome) => {
    const s = build(state, kind);
    const before = s.incident;
    const actor = s.next('agent-2');
    const events = s.run(SAMPLE[kind], 'agent-2');

    expect(events.map((event) => short(event.type))).toEqual(outcome.events);
    for (const event of events) {
      expect(event.data.by).toBe('agent-2');
      expect(event.data.at).toBe(actor.at.toISOString());
    }
    expect(events.at(-1)!.data.state).toBe(outcome.state);
    expect(s.incident.state).toBe(outcome.state);
    expect(s.incident.sequence).toBe(before.sequence + events.length);
    expect(s.incident.updatedAt).toEqual(actor.at);
    expect(events.reduce<Incident>((incident, event) => evolveIncident(incident, event), before)).toEqual(s.incident);
  });

  it.each(ILLEGAL_CELLS)('%s + %s is refused with INCIDENT.ILLEGAL_TRANSITION', (state, kind) => {
    const s = build(state, kind);
    const error = errorOf(() => s.run(SAMPLE[kind]));
    expect(error.code).toBe(IncidentErrorCode.IllegalTransition);
    expect(error.details['state']).toBe(state);
    expect(s.incident.state).toBe(state);
  });

  it.each(['closed', 'canceled'] as const)('%s is final: every command is refused', (state) => {
    const s = incidentIn(state, { proposedMajor: true });
    for (const kind of KINDS) {
      expect(errorOf(() => s.run(SAMPLE[kind])).code).toBe(IncidentErrorCode.IllegalTransition);
    }
    expect(s.incident.closedAt).not.toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Opening
// ---------------------------------------------------------------------------------------------

describe('openIncident', () => {
  it('opens a new incident, prioritised by the matrix, with sequence 1', () => {
    const s = story({ impact: 1, urgency: 2, configurationItemIds: ['ci-gw-1', 'ci-gw-1', 'ci-gw-2'] });
    expect(s.events.map((event) => short(event.type))).toEqual(['opened']);
    expect(s.events[0]!.data).toMatchObject({ state: 'new', by: AGENT, at: T0.toISOString(), priority: 2 });
    expect(s.incident).toMatchObject({ id: 'inc-1', state: 'new', priority: 2, sequence: 1, serviceIds: ['svc-vpn'], configurationItemIds: ['ci-gw-1', 'ci-gw-2'], openedBy: AGENT });
  });

  it('starts work at once when opened with an assignee', () => {
    const s = story({ assigneeId: 'agent-2' });
    expect(s.events.map((event) => short(event.type))).toEqual(['opened', 'work-started']);
    expect(s.incident).toMatchObject({ state: 'in_progress', assigneeId: 'agent-2', sequence: 2 });
  });

  it('refuses an assignee outside the group, an assignee without a group, and a blank title', () => {
    expect(errorOf(() => story({ assigneeId: 'acme-1' })).code).toBe(IncidentErrorCode.AssigneeNotInGroup);
    expect(errorOf(() => story({ group: null, assigneeId: AGENT })).code).toBe(IncidentErrorCode.InvalidInput);
    expect(errorOf(() => story({ title: '   ' })).code).toBe(IncidentErrorCode.InvalidInput);
  });
});

// ---------------------------------------------------------------------------------------------
// Priority
// ---------------------------------------------------------------------------------------------

describe('priority changes', () => {
  it('change-impact-urgency recomputes the priority and records the previous values', () => {
    const s = story();
    const [event] = s.run({ kind: 'change-impact-urgency', impact: 1, urgency: 1, matrix: DEFAULT_PRIORITY_MATRIX });
    expect(event!.data).toMatchObject({ impact: 1, urgency: 1, priority: 1, previousImpact: 2, previousUrgency: 2, previousPriority: 3, cause: 'impact_urgency' });
    expect(s.incident).toMatchObject({ impact: 1, urgency: 1, priority: 1 });
  });

  it('change-impact-urgency emits when impact changes even if the priority stays, and nothing when nothing changes', () => {
    const s = story();
    expect(s.run({ kind: 'change-impact-urgency', impact: 2, urgency: 2, matrix: DEFAULT_PRIORITY_MATRIX })).toEqual([]);
    const [event] = s.run({ kind: 'change-impact-urgency', impact: 1, urgency: 3, matrix: DEFAULT_PRIORITY_MATRIX });
    expect(event!.data).toMatchObject({ impact: 1, urgency: 3, priority: 3, previousPriority: 3 });
  });

  it('apply-matrix re-prioritises an active incident with cause matrix_change', () => {
    const s = story();
    s.run(start);
    const [event] = s.run({ kind: 'apply-matrix', matrix: toPriorityMatrix([[1, 1, 1], [1, 1, 1], [1, 1, 1]]) });
    expect(event!.data).toMatchObject({ impact: 2, urgency: 2, priority: 1, previousPriority: 3, cause: 'matrix_change', state: 'in_progress' });
    expect(s.incident.priority).toBe(1);
  });

  it('apply-matrix emits nothing when the cell of the incident is unchanged', () => {
    const s = story();
    expect(s.run({ kind: 'apply-matrix', matrix: toPriorityMatrix([[5, 5, 5], [5, 3, 5], [5, 5, 5]]) })).toEqual([]);
    expect(s.incident.sequence).toBe(1);
  });

  it('apply-matrix leaves a resolved incident alone', () => {
    const s = incidentIn('resolved');
    expect(errorOf(() => s.run({ kind: 'apply-matrix', matrix: toPriorityMatrix([[1, 1, 1], [1, 1, 1], [1, 1, 1]]) })).code).toBe(IncidentErrorCode.IllegalTransition);
    expect(s.incident.priority).toBe(3);
  });
});

// ---------------------------------------------------------------------------------------------
// Reopen and close
// ---------------------------------------------------------------------------------------------

describe('reopen', () => {
  it('counts every reopening, records who and when, and clears the resolution', () => {
    const s = incidentIn('resolved');
    expect(s.incident.resolution).not.toBeNull();

    const first = s.next(CALLER);
    const [reopened] = s.run({ kind: 'reopen', reason: 'Still drops.' }, CALLER);
    expect(reopened!.data).toMatchObject({ reopenCount: 1, state: 'in_progress', by: CALLER });
    expect(s.incident).toMatchObject({ state: 'in_progress', reopenCount: 1, lastReopenedBy: CALLER, lastReopenedAt: first.at, resolution: null });

    s.run(resolve);
    const second = s.next('agent-2');
    s.run({ kind: 'reopen', reason: 'Again.' }, 'agent-2');
    expect(s.incident).toMatchObject({ reopenCount: 2, lastReopenedBy: 'agent-2', lastReopenedAt: second.at, resolution: null });
  });

  it('refuses a blank reason', () => {
    expect(errorOf(() => incidentIn('resolved').run({ kind: 'reopen', reason: ' ' })).code).toBe(IncidentErrorCode.InvalidInput);
  });
});

describe('auto-close', () => {
  const N = 7;

  it('is due exactly N days after the resolution, not 1 ms before', () => {
    const s = incidentIn('resolved');
    const resolvedAt = s.incident.resolution!.at.getTime();
    expect(isAutoCloseDue(s.incident, new Date(resolvedAt + N * DAY - 1), N)).toBe(false);
    expect(isAutoCloseDue(s.incident, new Date(resolvedAt + N * DAY), N)).toBe(true);
    expect(isAutoCloseDue(s.incident, new Date(resolvedAt + 30 * DAY), N)).toBe(true);
  });

  it.each(['new', 'in_progress', 'on_hold', 'closed', 'canceled'] as const)('is never due for a %s incident', (state) => {
    expect(isAutoCloseDue(incidentIn(state).incident, new Date(T0.getTime() + 365 * DAY), N)).toBe(false);
  });

  it('counts from the latest resolution after a reopen', () => {
    const s = incidentIn('resolved');
    const firstResolution = s.incident.resolution!.at.getTime();
    s.run({ kind: 'reopen', reason: 'Again.' });
    s.run(resolve);
    expect(isAutoCloseDue(s.incident, new Date(firstResolution + N * DAY), N)).toBe(false);
    expect(isAutoCloseDue(s.incident, new Date(s.incident.resolution!.at.getTime() + N * DAY), N)).toBe(true);
  });

  it('closes automatically as the system', () => {
    const s = incidentIn('resolved');
    const actor = s.next('system');
    const [closed] = s.run({ kind: 'close', automatic: true }, 'system');
    expect(closed!.data).toEqual({ automatic: true, state: 'closed', by: 'system', at: actor.at.toISOString() });
    expect(s.incident).toMatchObject({ state: 'closed', closedAt: actor.at });
  });
});

// ---------------------------------------------------------------------------------------------
// Hold
// ---------------------------------------------------------------------------------------------

describe('hold', () => {
  it('awaiting_problem requires a linked problem', () => {
    const s = incidentIn('in_progress');
    expect(errorOf(() => s.run(hold('awaiting_problem'))).code).toBe(IncidentErrorCode.HoldRequiresProblem);
    s.run({ kind: 'link', linkKind: 'problem', targetId: 'prb-1' });
    s.run(hold('awaiting_problem'));
    expect(s.incident).toMatchObject({ state: 'on_hold', holdReason: 'awaiting_problem', problemId: 'prb-1' });
  });

  it("a caller's comment resumes an incident awaiting the caller", () => {
    const s = incidentIn('in_progress');
    s.run(hold('awaiting_caller'));
    const actor = s.next(CALLER);
    const events = s.run(comment('note-1'), CALLER);
    expect(events.map((event) => short(event.type))).toEqual(['note-added', 'resumed']);
    expect(events[1]!.data).toEqual({ trigger: 'caller_reply', state: 'in_progress', by: CALLER, at: actor.at.toISOString() });
    expect(s.incident).toMatchObject({ state: 'in_progress', holdReason: null });
  });

  it.each([
    ['a comment by an agent', AGENT, 'awaiting_caller', 'comment'],
    ["a caller's comment on another hold reason", CALLER, 'awaiting_vendor', 'comment'],
    ["the caller's work note", CALLER, 'awaiting_caller', 'work_note'],
  ] as const)('%s does not resume', (_label, by, reason, noteKind) => {
    const s = incidentIn('in_progress');
    s.run(hold(reason));
    const events = s.run({ kind: 'add-note', noteId: 'note-1', noteKind, body: 'any news?' }, by);
    expect(events.map((event) => short(event.type))).toEqual(['note-added']);
    expect(s.incident).toMatchObject({ state: 'on_hold', holdReason: reason });
  });

  it('refuses to unlink the problem the incident waits on, until it is resumed', () => {
    const s = incidentIn('in_progress');
    s.run({ kind: 'link', linkKind: 'problem', targetId: 'prb-1' });
    s.run(hold('awaiting_problem'));
    const unlink: IncidentCommand = { kind: 'unlink', linkKind: 'problem', targetId: 'prb-1' };
    expect(errorOf(() => s.run(unlink)).code).toBe(IncidentErrorCode.HoldRequiresProblem);
    expect(s.incident.problemId).toBe('prb-1');
    s.run({ kind: 'resume', trigger: 'manual' });
    s.run(unlink);
    expect(s.incident.problemId).toBeNull();
  });

  it('unlinks a problem while on hold for another reason', () => {
    const s = incidentIn('in_progress');
    s.run({ kind: 'link', linkKind: 'problem', targetId: 'prb-1' });
    s.run(hold('awaiting_vendor'));
    s.run({ kind: 'unlink', linkKind: 'problem', targetId: 'prb-1' });
    expect(s.incident).toMatchObject({ problemId: null, state: 'on_hold' });
  });

  it('clears the hold reason on resolve', () => {
    const s = incidentIn('on_hold');
    s.run(resolve);
    expect(s.incident.holdReason).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------------------------

describe('links', () => {
  it('refuses a duplicate link and an unlink of something not linked', () => {
    const s = story();
    expect(errorOf(() => s.run({ kind: 'link', linkKind: 'configuration_item', targetId: 'ci-gw-1' })).code).toBe(IncidentErrorCode.AlreadyLinked);
    expect(errorOf(() => s.run({ kind: 'unlink', linkKind: 'change', targetId: 'chg-1' })).code).toBe(IncidentErrorCode.NotLinked);
  });

  it('links and unlinks services, CIs and the causing change', () => {
    const s = story();
    s.run({ kind: 'link', linkKind: 'service', targetId: 'svc-mail' });
    s.run({ kind: 'link', linkKind: 'change', targetId: 'chg-1' });
    s.run({ kind: 'unlink', linkKind: 'configuration_item', targetId: 'ci-gw-1' });
    expect(s.incident).toMatchObject({ serviceIds: ['svc-vpn', 'svc-mail'], causedByChangeId: 'chg-1', configurationItemIds: [] });
  });
});

// ---------------------------------------------------------------------------------------------
// Assignment
// ---------------------------------------------------------------------------------------------

describe('assignment', () => {
  it('refuses an assignee who is not a member of the group', () => {
    const s = incidentIn('in_progress');
    const error = errorOf(() => s.run({ kind: 'assign', group: ACME, assigneeId: AGENT }));
    expect(error.code).toBe(IncidentErrorCode.AssigneeNotInGroup);
    expect(error.details).toEqual({ groupId: 'grp-acme', assigneeId: AGENT });
  });

  it('assigning an assignee to a new incident starts work; a group alone does not', () => {
    const withAssignee = story();
    const events = withAssignee.run({ kind: 'assign', group: NETWORK, assigneeId: 'agent-2' });
    expect(events.map((event) => [short(event.type), event.data.state])).toEqual([
      ['assigned', 'new'],
      ['work-started', 'in_progress'],
    ]);
    expect(withAssignee.incident).toMatchObject({ state: 'in_progress', assigneeId: 'agent-2' });

    const groupOnly = story({ group: null });
    groupOnly.run({ kind: 'assign', group: ACME, assigneeId: null });
    expect(groupOnly.incident).toMatchObject({ state: 'new', assignmentGroupId: 'grp-acme', assignedOrgId: 'org-acme', assigneeId: null });
  });

  it('records the previous assignment and the group organisation', () => {
    const s = story({ assigneeId: AGENT });
    const [assigned] = s.run({ kind: 'assign', group: ACME, assigneeId: 'acme-1' });
    expect(assigned!.data).toMatchObject({ groupId: 'grp-acme', orgId: 'org-acme', assigneeId: 'acme-1', previousGroupId: 'grp-network', previousOrgId: null, previousAssigneeId: AGENT });
    expect(s.incident).toMatchObject({ assignmentGroupId: 'grp-acme', assignedOrgId: 'org-acme', assigneeId: 'acme-1' });
  });

  it('keeps the group the incident came from (for a supplier hand-back) across assignee changes within the group', () => {
    const s = story({ assigneeId: AGENT });
    expect(s.incident.previousAssignmentGroupId).toBeNull();
    s.run({ kind: 'assign', group: ACME, assigneeId: null });
    s.run({ kind: 'assign', group: ACME, assigneeId: 'acme-1' });
    expect(s.incident).toMatchObject({ assignmentGroupId: 'grp-acme', previousAssignmentGroupId: 'grp-network' });
    s.run({ kind: 'assign', group: NETWORK, assigneeId: null });
    expect(s.incident).toMatchObject({ assignmentGroupId: 'grp-network', previousAssignmentGroupId: 'grp-acme' });
  });

  it('emits nothing when reassigned to the same group and assignee', () => {
    const s = story({ assigneeId: AGENT });
    expect(s.run({ kind: 'assign', group: NETWORK, assigneeId: AGENT })).toEqual([]);
    expect(s.run({ kind: 'assign', group: NETWORK, assigneeId: 'agent-2' })).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Parent / child
// ---------------------------------------------------------------------------------------------

describe('parent/child', () => {
  it.each([
    ['its own parent', parentCandidate({ id: 'inc-1' }), false],
    ['a parent that is itself a child', parentCandidate({ parentId: 'inc-grandparent' }), false],
    ['a child that has children', parentCandidate(), true],
    ['a resolved parent', parentCandidate({ state: 'resolved' }), false],
    ['a closed parent', parentCandidate({ state: 'closed' }), false],
    ['a canceled parent', parentCandidate({ state: 'canceled' }), false],
  ] as const)('refuses %s with INCIDENT.INVALID_PARENT', (_label, parent, hasChildren) => {
    const s = story();
    const error = errorOf(() => s.run({ kind: 'set-parent', parent, hasChildren }));
    expect(error.code).toBe(IncidentErrorCode.InvalidParent);
    expect(error.details).toEqual({ parentId: parent.id });
    expect(s.incident.parentId).toBeNull();
  });

  it('sets, keeps and clears the parent', () => {
    const s = story();
    s.run({ kind: 'set-parent', parent: parentCandidate({ state: 'new' }), hasChildren: false });
    expect(s.incident.parentId).toBe('inc-parent');
    expect(s.run({ kind: 'set-parent', parent: parentCandidate(), hasChildren: false })).toEqual([]);
    const [cleared] = s.run({ kind: 'set-parent', parent: null, hasChildren: true });
    expect(cleared!.data).toMatchObject({ parentId: null, previousParentId: 'inc-parent' });
    expect(s.incident.parentId).toBeNull();
  });

  it("records 'parent' as the cause when resolved with its parent", () => {
    const s = story();
    s.run({ kind: 'set-parent', parent: parentCandidate(), hasChildren: false });
    const actor = s.next('system');
    s.run({ kind: 'resolve', code: 'fixed', notes: 'Resolved with its parent.', cause: 'parent', causeId: 'inc-parent' }, 'system');
    expect(s.incident.resolution).toEqual({ code: 'fixed', notes: 'Resolved with its parent.', by: 'system', at: actor.at, cause: 'parent', causeId: 'inc-parent' });
  });
});

// ---------------------------------------------------------------------------------------------
// Replay
// ---------------------------------------------------------------------------------------------

describe('replay', () => {
  function fullStory() {
    const s = story();
    s.run({ kind: 'assign', group: NETWORK, assigneeId: AGENT });
    s.run({ kind: 'link', linkKind: 'problem', targetId: 'prb-1' });
    s.run(hold('awaiting_problem'));
    s.run(comment('note-1'), CALLER);
    s.run({ kind: 'resume', trigger: 'manual' });
    s.run(hold('awaiting_caller'));
    s.run(comment('note-2'), CALLER);
    s.run({ kind: 'change-impact-urgency', impact: 1, urgency: 1, matrix: DEFAULT_PRIORITY_MATRIX });
    s.run({ kind: 'propose-major', reasons: ['priority P1'] });
    s.run({ kind: 'promote-major' });
    s.run({ kind: 'set-parent', parent: parentCandidate(), hasChildren: false });
    s.run(resolve);
    s.run({ kind: 'reopen', reason: 'Back again.' }, CALLER);
    s.run({ kind: 'resolve', code: 'workaround', notes: 'Rebooted.', cause: 'problem', causeId: 'prb-1' });
    s.run({ kind: 'close', automatic: true }, 'system');
    return s;
  }

  it('folding evolveIncident over the events gives the step-by-step incident', () => {
    const s = fullStory();
    const replayed = s.events.reduce<Incident | undefined>((incident, event) => evolveIncident(incident, event, 'inc-1'), undefined);
    expect(replayed).toEqual(s.incident);
    expect(s.incident).toMatchObject({ state: 'closed', reopenCount: 1, major: 'promoted', priority: 1, parentId: 'inc-parent', notes: [{ id: 'note-1' }, { id: 'note-2' }] });
  });

  it('counts the events in `sequence`', () => {
    const s = fullStory();
    expect(s.events).toHaveLength(18);
    expect(s.incident.sequence).toBe(s.events.length);
  });

  it('is deterministic: the same commands at the same times give the same events', () => {
    expect(fullStory().events).toEqual(fullStory().events);
  });

  it('refuses an event before the incident was opened', () => {
    const s = incidentIn('in_progress');
    expect(() => evolveIncident(undefined, s.events[1]!)).toThrow(/before the incident was opened/);
  });
});
