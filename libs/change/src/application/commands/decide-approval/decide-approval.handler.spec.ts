import { ChangeErrorCode } from '../../../domain';
import type { Change, ChangeViewer } from '../../../domain';
import { MANAGER, storedChange } from '../../test-fixtures/change-fixtures';
import { approvalWorld } from '../../test-fixtures/approval-world';
import type { ApprovalWorld } from '../../test-fixtures/approval-world';
import { RequestChangeAuthorisationCommand } from '../request-change-authorisation/request-change-authorisation.command';
import { RevertChangeToNewCommand } from '../revert-change-to-new/revert-change-to-new.command';
import { SubmitChangeForAssessmentCommand } from '../submit-change-for-assessment/submit-change-for-assessment.command';
import { DecideApprovalCommand } from './decide-approval.command';

const viewer = (userId: string): ChangeViewer => ({ userId, roles: ['cab-member'], orgId: 'contoso' });
const approve = (changeId: string, comment: string | null = null) => new DecideApprovalCommand(changeId, 'approved', comment);

/** A normal change moved to Authorize by the change manager: the two-level policy's level 0 is open. */
async function inAuthorize(world: ApprovalWorld): Promise<Change> {
  const change = await storedChange(world);
  await world.submit.execute(MANAGER, new SubmitChangeForAssessmentCommand(change.id));
  return world.requestAuthorisation.execute(MANAGER, new RequestChangeAuthorisationCommand(change.id));
}

function approvalEvents(world: ApprovalWorld) {
  return world.changes.saved.flatMap((s) => s.events).filter((e) => e.type.includes('approval') || e.type.includes('state-changed'));
}

describe('change approvals (decide-approval, the approval rules on the lifecycle)', () => {
  it('entering Authorize opens level 0 of the applying policy: the change managers, first response', async () => {
    const world = await approvalWorld();
    const change = await inAuthorize(world);
    expect(change.state).toBe('authorize');
    expect(change.approval?.policyIds).toEqual(['pol-2']);
    expect(change.approval?.levels.map((l) => [l.name, l.status, l.approverIds])).toEqual([
      ['Change managers', 'pending', ['p-manager']],
      ['Change Advisory Board', 'waiting', ['p-cab-1', 'p-cab-2', 'p-cab-3']],
    ]);
    const requested = world.changes.saved.at(-1)?.events.map((e) => e.type);
    expect(requested).toEqual(['itsm.change.state-changed.v1', 'itsm.change.approval-requested.v1']);
  });

  it('acceptance: the CAB level at 2 of 3 authorises after the second CAB approval and not before', async () => {
    const world = await approvalWorld();
    const change = await inAuthorize(world);
    const afterManager = await world.decide.execute(viewer('p-manager'), approve(change.id));
    expect(afterManager.state).toBe('authorize');
    expect(afterManager.approval?.levels[1]?.status).toBe('pending');

    const afterFirstCab = await world.decide.execute(viewer('p-cab-2'), approve(change.id, 'looks safe'));
    expect(afterFirstCab.state).toBe('authorize');
    expect(afterFirstCab.authorisedAt).toBeNull();

    world.clock.advance(5);
    const afterSecondCab = await world.decide.execute(viewer('p-cab-3'), approve(change.id));
    expect(afterSecondCab.state).toBe('scheduled');
    expect(afterSecondCab.authorisedAt).toEqual(world.clock.now());
    expect(afterSecondCab.approval?.outcome).toBe('approved');
    // One write, one version step, though it records the decision and authorises.
    expect(afterSecondCab.version).toBe(afterFirstCab.version + 1);
    expect(world.changes.saved.at(-1)?.events.map((e) => e.type)).toEqual(['itsm.change.approval-decided.v1', 'itsm.change.state-changed.v1']);
    const decided = approvalEvents(world).filter((e) => e.type === 'itsm.change.approval-decided.v1').map((e) => e.data);
    expect(decided.map((d) => 'levelOutcome' in d && [d.level, d.approverId, d.levelOutcome])).toEqual([
      [0, 'p-manager', 'approved'],
      [1, 'p-cab-2', 'pending'],
      [1, 'p-cab-3', 'approved'],
    ]);
    expect((await world.changes.audit(change.id))?.map((a) => a.type).filter((t) => t.includes('approval'))).toHaveLength(5);
  });

  it('acceptance: a decision by someone not entitled answers CHANGE.NOT_ENTITLED and changes nothing', async () => {
    const world = await approvalWorld();
    const change = await inAuthorize(world);
    const before = world.changes.items.get(change.id);
    const saves = world.changes.saved.length;
    await expect(world.decide.execute(viewer('p-requester'), approve(change.id))).rejects.toMatchObject({ code: ChangeErrorCode.NotEntitled });
    // A CAB member is not entitled before the CAB level opens either.
    await expect(world.decide.execute(viewer('p-cab-1'), approve(change.id))).rejects.toMatchObject({ code: ChangeErrorCode.NotEntitled });
    expect(world.changes.items.get(change.id)).toBe(before);
    expect(world.changes.saved).toHaveLength(saves);
  });

  it("acceptance: a delegate's decision is recorded on behalf of the approver", async () => {
    const world = await approvalWorld();
    const change = await inAuthorize(world);
    const now = world.clock.now();
    await world.delegations.create({ id: 'd-1', delegatorId: 'p-cab-1', delegateId: 'p-implementer', start: now, end: new Date(now.getTime() + 86_400_000), reason: 'holiday', createdBy: 'p-cab-1', createdAt: now, revokedAt: null });
    await world.decide.execute(viewer('p-manager'), approve(change.id));
    const decided = await world.decide.execute(viewer('p-implementer'), approve(change.id, 'for Carla'));
    expect(decided.approval?.levels[1]?.decisions).toEqual([{ approverId: 'p-implementer', onBehalfOf: 'p-cab-1', decision: 'approved', comment: 'for Carla', at: world.clock.now() }]);
    const event = world.changes.saved.at(-1)?.events[0];
    expect(event?.type === 'itsm.change.approval-decided.v1' && [event.data.approverId, event.data.onBehalfOf]).toEqual(['p-implementer', 'p-cab-1']);
    await expect(world.decide.execute(viewer('p-cab-1'), approve(change.id))).rejects.toMatchObject({ code: ChangeErrorCode.AlreadyDecided });
  });

  it('a mandatory rejection rejects the change back to New (a reason required); a second decision is refused', async () => {
    const world = await approvalWorld();
    const change = await inAuthorize(world);
    await expect(world.decide.execute(viewer('p-manager'), new DecideApprovalCommand(change.id, 'rejected', '  '))).rejects.toMatchObject({ code: ChangeErrorCode.InvalidInput });
    const rejected = await world.decide.execute(viewer('p-manager'), new DecideApprovalCommand(change.id, 'rejected', 'no backout tested'));
    expect(rejected.state).toBe('new');
    expect(rejected.approval?.outcome).toBe('rejected');
    const moved = world.changes.saved.at(-1)?.events.at(-1);
    expect(moved?.type === 'itsm.change.state-changed.v1' && moved.data.reason).toBe('no backout tested');
    await expect(world.decide.execute(viewer('p-manager'), approve(change.id))).rejects.toMatchObject({ code: ChangeErrorCode.IllegalTransition });
  });

  it('revert to New cancels the pending approval; asking again opens a fresh one', async () => {
    const world = await approvalWorld();
    const change = await inAuthorize(world);
    await world.decide.execute(viewer('p-manager'), approve(change.id));
    const reverted = await world.revert.execute(MANAGER, new RevertChangeToNewCommand(change.id, 'scope changed'));
    expect(reverted.approval?.outcome).toBe('canceled');
    expect(reverted.approval?.levels.map((l) => l.status)).toEqual(['approved', 'canceled']);
    await expect(world.decide.execute(viewer('p-cab-1'), approve(change.id))).rejects.toMatchObject({ code: ChangeErrorCode.IllegalTransition });
    await world.submit.execute(MANAGER, new SubmitChangeForAssessmentCommand(change.id));
    const again = await world.requestAuthorisation.execute(MANAGER, new RequestChangeAuthorisationCommand(change.id));
    expect(again.approval?.levels.map((l) => l.status)).toEqual(['pending', 'waiting']);
  });

  it('no applying policy: no approval (the CAB decides); a mandatory level with nobody: CHANGE.NO_APPROVERS, nothing written', async () => {
    const none = await approvalWorld([]);
    expect((await inAuthorize(none)).approval).toBeNull();
    const empty = await approvalWorld([
      { name: 'Nobody', description: '', order: 1, active: true, appliesWhen: null, autoApproveWhen: null, levels: [{ name: 'Ghosts', approvers: { groupIds: ['g-none'], userIds: [], roles: [] }, rule: { kind: 'all' }, mandatory: true }] },
    ]);
    const change = await storedChange(empty);
    await empty.submit.execute(MANAGER, new SubmitChangeForAssessmentCommand(change.id));
    await expect(empty.requestAuthorisation.execute(MANAGER, new RequestChangeAuthorisationCommand(change.id))).rejects.toMatchObject({ code: ChangeErrorCode.NoApprovers });
    expect(empty.changes.items.get(change.id)?.change.state).toBe('assess');
  });

  it('an auto-approving policy records the system decision and authorises in the same write', async () => {
    const world = await approvalWorld([
      { name: 'Low risk', description: '', order: 1, active: true, appliesWhen: null, autoApproveWhen: { fact: 'model', op: 'eq', value: 'normal' }, levels: [{ name: 'Managers', approvers: { groupIds: [], userIds: [], roles: ['change-manager'] }, rule: { kind: 'first_response' }, mandatory: true }] },
    ]);
    const change = await inAuthorize(world);
    expect(change.state).toBe('scheduled');
    expect(change.version).toBe(3);
    expect(change.approval).toMatchObject({ outcome: 'approved', autoApprovals: [{ policyId: 'pol-1' }] });
    const last = world.changes.saved.at(-1)?.events ?? [];
    expect(last.map((e) => e.type)).toEqual(['itsm.change.state-changed.v1', 'itsm.change.approval-decided.v1', 'itsm.change.state-changed.v1']);
    expect(last[1]?.data.by).toBe('system');
  });
});
