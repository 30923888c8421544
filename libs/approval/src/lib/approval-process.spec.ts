import { ApprovalErrorCode } from './approval.errors';
import type { ApprovalLevelDefinition, ApprovalPlan } from './approval-policy';
import { cancelApproval, decideApproval, levelsAwaiting, startApproval } from './approval-process';
import type { ApprovalProcess, DecideApproval } from './approval-process';
import type { Delegation } from './delegation';

const t0 = new Date(Date.UTC(2031, 5, 2, 9, 0));
const at = (minutes: number): Date => new Date(t0.getTime() + minutes * 60_000);

const definition = (name: string, over: Partial<ApprovalLevelDefinition> = {}): ApprovalLevelDefinition => ({
  name,
  approvers: { groupIds: ['g'], userIds: [], roles: [] },
  rule: { kind: 'first_response' },
  mandatory: true,
  ...over,
});
const plan = (...levels: ApprovalLevelDefinition[]): ApprovalPlan => ({ policyIds: ['p'], autoApprovedBy: [], levels: levels.map((d) => ({ policyId: 'p', definition: d })) });

/** The acceptance policy: change managers on first response, then the CAB at 2 of 3 (66 %). */
const twoLevel = plan(definition('Change managers'), definition('CAB', { rule: { kind: 'quorum', percent: 66 } }));
const managersAndCab = [['mgr-1', 'mgr-2'], ['cab-1', 'cab-2', 'cab-3']];

const vote = (actorId: string, decision: 'approved' | 'rejected' = 'approved', over: Partial<DecideApproval> = {}): DecideApproval => ({
  actorId,
  onBehalfOf: null,
  decision,
  comment: null,
  level: null,
  ...over,
});

function decide(process: ApprovalProcess, input: DecideApproval, minutes: number, delegations: Delegation[] = []) {
  return decideApproval(process, input, delegations, at(minutes));
}

function expectCode(run: () => unknown, code: ApprovalErrorCode): void {
  expect(run).toThrow(expect.objectContaining({ name: 'ApprovalError', code }));
}

describe('startApproval', () => {
  it('opens level 0 only, with its approvers sorted and distinct', () => {
    const { process, opened } = startApproval(twoLevel, [['mgr-2', 'mgr-1', 'mgr-2'], ['cab-1', 'cab-2', 'cab-3']], t0);
    expect(opened).toEqual([0]);
    expect(process.outcome).toBe('pending');
    expect(process.levels.map((l) => l.status)).toEqual(['pending', 'waiting']);
    expect(process.levels[0]).toMatchObject({ approverIds: ['mgr-1', 'mgr-2'], openedAt: t0, name: 'Change managers' });
  });

  it('approves at once with a system decision when a policy auto-approved (no level to ask)', () => {
    const { process, opened } = startApproval({ policyIds: ['auto'], autoApprovedBy: ['auto'], levels: [] }, [], t0);
    expect(opened).toEqual([]);
    expect(process).toMatchObject({ outcome: 'approved', closedAt: t0, autoApprovals: [{ policyId: 'auto', at: t0 }] });
  });

  it('refuses a mandatory level that resolved to nobody; skips an optional one', () => {
    expectCode(() => startApproval(twoLevel, [['mgr-1'], []], t0), ApprovalErrorCode.NoApprovers);
    const withOptional = plan(definition('Owners', { mandatory: false }), definition('CAB'));
    const { process, opened } = startApproval(withOptional, [[], ['cab-1']], t0);
    expect(process.levels.map((l) => l.status)).toEqual(['skipped', 'pending']);
    expect(opened).toEqual([1]);
  });

  it('opens optional levels alongside the first mandatory one', () => {
    const { process, opened } = startApproval(plan(definition('Owners', { mandatory: false }), definition('Managers'), definition('CAB')), [['own-1'], ['mgr-1'], ['cab-1']], t0);
    expect(opened).toEqual([0, 1]);
    expect(process.levels.map((l) => l.status)).toEqual(['pending', 'pending', 'waiting']);
  });

  it('refuses more than 20 levels together', () => {
    const many = plan(...Array.from({ length: 21 }, (_, i) => definition(`L${i}`)));
    expectCode(() => startApproval(many, many.levels.map(() => ['a']), t0), ApprovalErrorCode.InvalidPolicy);
  });
});

describe('decideApproval', () => {
  const started = (): ApprovalProcess => startApproval(twoLevel, managersAndCab, t0).process;

  it('acceptance: the CAB level at 2 of 3 approves after the second CAB approval and not before', () => {
    const afterManager = decide(started(), vote('mgr-2', 'approved', { comment: 'fine by me' }), 1);
    expect(afterManager.level).toMatchObject({ index: 0, status: 'approved', closedAt: at(1) });
    expect(afterManager.opened).toEqual([1]);
    expect(afterManager.process.levels[1]).toMatchObject({ status: 'pending', openedAt: at(1) });

    const firstCab = decide(afterManager.process, vote('cab-3'), 2);
    expect(firstCab.level.status).toBe('pending');
    expect(firstCab.process.outcome).toBe('pending');

    const secondCab = decide(firstCab.process, vote('cab-1'), 3);
    expect(secondCab.level.status).toBe('approved');
    expect(secondCab.process).toMatchObject({ outcome: 'approved', closedAt: at(3) });
    expect(secondCab.opened).toEqual([]);
    expect(secondCab.process.levels[1]?.decisions.map((d) => d.approverId)).toEqual(['cab-3', 'cab-1']);
  });

  it('records who, when, comment; a rejection by a mandatory level rejects the process and skips the rest', () => {
    const step = decide(started(), vote('mgr-1', 'rejected', { comment: 'no backout plan' }), 5);
    expect(step.decision).toEqual({ approverId: 'mgr-1', onBehalfOf: null, decision: 'rejected', comment: 'no backout plan', at: at(5) });
    expect(step.process.outcome).toBe('rejected');
    expect(step.process.levels.map((l) => l.status)).toEqual(['rejected', 'skipped']);
  });

  it('CAB at 2 of 3: two rejections reject (the quorum is out of reach), one does not', () => {
    let process = decide(started(), vote('mgr-1'), 1).process;
    process = decide(process, vote('cab-1', 'rejected'), 2).process;
    expect(process.outcome).toBe('pending');
    process = decide(process, vote('cab-2', 'rejected'), 3).process;
    expect(process.outcome).toBe('rejected');
  });

  it('acceptance: someone not entitled is refused and the process is unchanged', () => {
    const process = started();
    const before = JSON.stringify(process);
    expectCode(() => decide(process, vote('stranger'), 1), ApprovalErrorCode.NotEntitled);
    expectCode(() => decide(process, vote('cab-1'), 1), ApprovalErrorCode.NotEntitled);
    expect(JSON.stringify(process)).toBe(before);
  });

  it('one decision per approver per level', () => {
    let process = decide(started(), vote('mgr-1'), 1).process;
    process = decide(process, vote('cab-1'), 2).process;
    expectCode(() => decide(process, vote('cab-1', 'rejected'), 3), ApprovalErrorCode.AlreadyDecided);
  });

  it('a closed level takes no more decisions; a finished process nothing at all', () => {
    const process = decide(started(), vote('mgr-1'), 1).process;
    expectCode(() => decide(process, vote('mgr-2'), 2), ApprovalErrorCode.NotEntitled);
    const rejected = decide(started(), vote('mgr-1', 'rejected'), 1).process;
    expectCode(() => decide(rejected, vote('mgr-2'), 2), ApprovalErrorCode.NotPending);
  });

  describe('delegates', () => {
    const annToBob: Delegation = { id: 'd1', delegatorId: 'cab-1', delegateId: 'bob', start: at(0), end: at(60) };
    const atCab = (): ApprovalProcess => decide(started(), vote('mgr-1'), 1).process;

    it("acceptance: a delegate's decision is recorded on behalf of the approver, and fills the approver's seat", () => {
      const step = decide(atCab(), vote('bob'), 10, [annToBob]);
      expect(step.decision).toMatchObject({ approverId: 'bob', onBehalfOf: 'cab-1' });
      expectCode(() => decide(step.process, vote('cab-1'), 11, [annToBob]), ApprovalErrorCode.AlreadyDecided);
      expect(decide(step.process, vote('cab-2'), 12, [annToBob]).process.outcome).toBe('approved');
    });

    it('only while the delegation is active, and only for the delegator it names', () => {
      expectCode(() => decide(atCab(), vote('bob'), 60, [annToBob]), ApprovalErrorCode.NotEntitled);
      expectCode(() => decide(atCab(), vote('bob', 'approved', { onBehalfOf: 'cab-2' }), 10, [annToBob]), ApprovalErrorCode.NotEntitled);
      const wrongDirection: Delegation = { ...annToBob, delegatorId: 'bob', delegateId: 'cab-1' };
      expectCode(() => decide(atCab(), vote('bob'), 10, [wrongDirection]), ApprovalErrorCode.NotEntitled);
    });

    it('an approver who is also a delegate decides for their own seat first, then explicitly for the other', () => {
      const cab2ForCab1: Delegation = { ...annToBob, delegateId: 'cab-2' };
      const own = decide(atCab(), vote('cab-2'), 10, [cab2ForCab1]);
      expect(own.decision.onBehalfOf).toBeNull();
      const forOther = decide(own.process, vote('cab-2'), 11, [cab2ForCab1]);
      expect(forOther.decision.onBehalfOf).toBe('cab-1');
      expect(forOther.process.outcome).toBe('approved');
    });
  });

  it('an optional level never blocks and its rejection does not reject', () => {
    const withOptional = plan(definition('Owners', { mandatory: false }), definition('Managers'));
    let process = startApproval(withOptional, [['own-1'], ['mgr-1']], t0).process;
    const rejectedOptional = decide(process, vote('own-1', 'rejected'), 1);
    expect(rejectedOptional.process.outcome).toBe('pending');
    process = decide(rejectedOptional.process, vote('mgr-1'), 2).process;
    expect(process.outcome).toBe('approved');
    expect(process.levels.map((l) => l.status)).toEqual(['rejected', 'approved']);
    const unanswered = decide(startApproval(withOptional, [['own-1'], ['mgr-1']], t0).process, vote('mgr-1'), 1).process;
    expect(unanswered.levels.map((l) => l.status)).toEqual(['skipped', 'approved']);
  });

  it('a level can be named; an approver sitting on two open levels decides the lowest first', () => {
    const both = startApproval(plan(definition('Owners', { mandatory: false }), definition('Managers')), [['x'], ['x']], t0).process;
    expect(decide(both, vote('x'), 1).level.index).toBe(0);
    expect(decide(both, vote('x', 'approved', { level: 1 }), 1).level.index).toBe(1);
    expectCode(() => decide(both, vote('x', 'approved', { level: 5 }), 1), ApprovalErrorCode.NotEntitled);
  });

  it("all: every approver's approval is needed", () => {
    let process = startApproval(plan(definition('All', { rule: { kind: 'all' } })), [['a', 'b']], t0).process;
    process = decide(process, vote('a'), 1).process;
    expect(process.outcome).toBe('pending');
    expect(decide(process, vote('b'), 2).process.outcome).toBe('approved');
  });
});

describe('cancelApproval and levelsAwaiting', () => {
  it('cancels every pending and waiting level, keeping the decisions made', () => {
    const started = startApproval(twoLevel, managersAndCab, t0).process;
    const atCab = decide(started, vote('mgr-1'), 1).process;
    const canceled = cancelApproval(atCab, at(2));
    expect(canceled).toMatchObject({ outcome: 'canceled', closedAt: at(2) });
    expect(canceled.levels.map((l) => l.status)).toEqual(['approved', 'canceled']);
    expect(canceled.levels[0]?.decisions).toHaveLength(1);
    expectCode(() => cancelApproval(canceled, at(3)), ApprovalErrorCode.NotPending);
    expectCode(() => decide(canceled, vote('cab-1'), 3), ApprovalErrorCode.NotPending);
  });

  it('lists the levels a person (or their delegate) may still decide', () => {
    const delegation: Delegation = { id: 'd', delegatorId: 'mgr-1', delegateId: 'bob', start: t0, end: at(30) };
    const process = startApproval(twoLevel, managersAndCab, t0).process;
    expect(levelsAwaiting(process, 'mgr-1', [], t0).map((l) => l.index)).toEqual([0]);
    expect(levelsAwaiting(process, 'bob', [delegation], at(1)).map((l) => l.index)).toEqual([0]);
    expect(levelsAwaiting(process, 'bob', [delegation], at(30))).toEqual([]);
    expect(levelsAwaiting(process, 'cab-1', [], t0)).toEqual([]);
    const decided = decide(process, vote('mgr-1'), 1).process;
    expect(levelsAwaiting(decided, 'mgr-1', [], at(1))).toEqual([]);
    expect(levelsAwaiting(decided, 'cab-1', [], at(1)).map((l) => l.index)).toEqual([1]);
  });
});
