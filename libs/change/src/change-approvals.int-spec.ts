import type { EventEnvelope } from '@itsm/contracts';
import type { Role } from '@itsm/platform/auth';
import { expectEventually } from '@itsm/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CreateChangeTemplateCommand,
  CreateChangeTemplateHandler,
  PublishChangeTemplateCommand,
  PublishChangeTemplateHandler,
  RequestStandardChangeCommand,
  RequestStandardChangeHandler,
} from './application/commands';
import { ChangeReads } from './application/ports/change-store.port';
import { bootChangeContext } from './test-fixtures/booted-change-context';
import type { BootedChangeContext } from './test-fixtures/booted-change-context';
import { DEMO_APPROVERS_BY_ROLE, seedDemoApprovalPolicies } from './demo/change-approval-demo-data';
import { ChangeErrorCode } from './domain';

const HOUR = 3_600_000;

/**
 * Change approvals through the booted change context on the peers (real mongoose, the outbox on
 * the in-process bus) and its GraphQL: the demo's two-level policy (change managers first response,
 * then the CAB at 2 of 3), entitlement, delegation, the pending-approvals read, policy validation,
 * and the system's pre-approval of a low-risk standard change.
 */
describe('change approvals on the MongoDB peer', () => {
  let booted: BootedChangeContext;
  let app: INestApplication;
  let published: EventEnvelope[];
  const plans = { implementation: 'Upgrade firmware', backout: 'Reflash previous image', test: 'Ping and failover' };
  const later = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
  const token = (sub: string, roles: Role[]) => booted.token(sub, roles);
  const graphql: BootedChangeContext['graphql'] = (...args) => booted.graphql(...args);

  beforeAll(async () => {
    booted = await bootChangeContext({ ciIds: ['ci-router'] });
    ({ app, published } = booted);
    await seedDemoApprovalPolicies(app, { managers: DEMO_APPROVERS_BY_ROLE.managers, cab: { groupIds: ['g-cab'], userIds: [], roles: [] } });
  });

  afterAll(async () => {
    await booted?.close();
  });

  /** A normal change moved to Authorize by the change manager through GraphQL. */
  async function changeInAuthorize(manager: string): Promise<string> {
    const input = { model: 'normal', title: 'Upgrade core router', configurationItemIds: ['ci-router'], assignmentGroupId: 'g-network', plans, planned: { start: later(48), end: later(50) } };
    const made = await graphql(manager, 'mutation($input: RequestChangeInput!) { requestChange(input: $input) { id } }', { input });
    const id = String(made.data?.['requestChange']?.['id']);
    await graphql(manager, 'mutation($id: ID!) { submitForAssessment(id: $id) { state } }', { id });
    const moved = await graphql(manager, 'mutation($id: ID!) { requestAuthorisation(id: $id) { state } }', { id });
    expect(moved.data?.['requestAuthorisation']).toEqual({ state: 'authorize' });
    return id;
  }

  const decide = (bearer: string, changeId: string, decision: 'approved' | 'rejected', comment: string | null = null) =>
    graphql(bearer, 'mutation($input: DecideApprovalInput!) { decideApproval(input: $input) { state version approval { outcome levels { name status approvalsNeeded approverIds decisions { approverId onBehalfOf decision comment } } } } }', {
      input: { changeId, decision, comment },
    });

  it('acceptance: the two-level policy authorises after the second CAB approval and not before; events in order', async () => {
    const manager = await token('p-manager', ['change-manager']);
    const id = await changeInAuthorize(manager);

    const opened = await graphql(manager, 'query($id: ID!) { change(id: $id) { approval { outcome levels { name status approverIds approvalsNeeded } } } }', { id });
    expect(opened.data?.['change']?.['approval']).toEqual({
      outcome: 'pending',
      levels: [
        { name: 'Change managers', status: 'pending', approverIds: ['p-manager'], approvalsNeeded: 1 },
        { name: 'Change Advisory Board', status: 'waiting', approverIds: ['p-cab-1', 'p-cab-2', 'p-cab-3'], approvalsNeeded: 2 },
      ],
    });

    expect((await decide(manager, id, 'approved')).data?.['decideApproval']).toMatchObject({ state: 'authorize' });
    const cab1 = await token('p-cab-1', ['cab-member']);
    const pending = await graphql(cab1, '{ myPendingApprovals(first: 50) { edges { node { id } } } }');
    expect((pending.data?.['myPendingApprovals']?.['edges'] as { node: { id: string } }[]).map((e) => e.node.id)).toContain(id);

    const first = await decide(cab1, id, 'approved', 'backout plan is fine');
    expect(first.data?.['decideApproval']).toMatchObject({ state: 'authorize', approval: { outcome: 'pending' } });
    const second = await decide(await token('p-cab-2', ['cab-member']), id, 'approved');
    expect(second.data?.['decideApproval']).toMatchObject({ state: 'scheduled', approval: { outcome: 'approved' } });
    const afterwards = await graphql(cab1, '{ myPendingApprovals(first: 50) { edges { node { id } } } }');
    expect((afterwards.data?.['myPendingApprovals']?.['edges'] as { node: { id: string } }[]).map((e) => e.node.id)).not.toContain(id);

    await expectEventually(() =>
      expect(published.filter((e) => (e.data as { changeId?: string }).changeId === id).map((e) => [e.sequence, e.type.replace('itsm.change.', ''), (e.data as { state: string }).state])).toEqual([
        [1, 'requested.v1', 'new'],
        [2, 'state-changed.v1', 'assess'],
        [3, 'state-changed.v1', 'authorize'],
        [4, 'approval-requested.v1', 'authorize'],
        [5, 'approval-decided.v1', 'authorize'],
        [6, 'approval-requested.v1', 'authorize'],
        [7, 'approval-decided.v1', 'authorize'],
        [8, 'approval-decided.v1', 'authorize'],
        [9, 'state-changed.v1', 'scheduled'],
      ]),
    );
    const audit = (await app.get(ChangeReads).audit(id)) ?? [];
    expect(audit.map((e) => e.by).slice(-3)).toEqual(['p-cab-1', 'p-cab-2', 'p-cab-2']);
  });

  it('acceptance: a decision by someone not entitled answers CHANGE.NOT_ENTITLED and changes nothing; a delegate decides on behalf', async () => {
    const manager = await token('p-manager', ['change-manager']);
    const id = await changeInAuthorize(manager);
    await decide(manager, id, 'approved');
    const before = await app.get(ChangeReads).byId(id);

    const stranger = await decide(await token('p-requester', ['requester']), id, 'approved');
    expect(stranger.errors?.[0]?.extensions?.code).toBe(ChangeErrorCode.NotEntitled);
    expect(await app.get(ChangeReads).byId(id)).toEqual(before);

    const cab3 = await token('p-cab-3', ['cab-member']);
    const delegated = await graphql(cab3, 'mutation($input: DelegateApprovalsInput!) { delegateApprovals(input: $input) { id delegatorId delegateId } }', {
      input: { delegateId: 'p-implementer', start: new Date(Date.now() - 60_000).toISOString(), end: later(24), reason: 'on leave' },
    });
    expect(delegated.data?.['delegateApprovals']).toMatchObject({ delegatorId: 'p-cab-3', delegateId: 'p-implementer' });
    const byDelegate = await decide(await token('p-implementer', ['implementer']), id, 'rejected', 'not during the freeze');
    const levels = byDelegate.data?.['decideApproval']?.['approval'] as { levels: { decisions: unknown[] }[] } | undefined;
    expect(levels?.levels[1]?.decisions).toEqual([{ approverId: 'p-implementer', onBehalfOf: 'p-cab-3', decision: 'rejected', comment: 'not during the freeze' }]);
    expect(byDelegate.data?.['decideApproval']).toMatchObject({ state: 'authorize' });
    expect((await decide(cab3, id, 'approved')).errors?.[0]?.extensions?.code).toBe(ChangeErrorCode.AlreadyDecided);
  });

  it('validates policies at the edge and records the system pre-approval of a low-risk standard change', async () => {
    const admin = await token('u-admin', ['admin']);
    const define = (input: Record<string, unknown>) => graphql(admin, 'mutation($input: ApprovalPolicyInput!) { defineApprovalPolicy(input: $input) { id version } }', { input });
    const level = { name: 'CAB', groupIds: ['g-cab'], rule: 'quorum', quorumPercent: 0 };
    const badQuorum = await define({ name: 'Bad quorum', levels: [level] });
    expect(badQuorum.errors?.[0]?.extensions).toMatchObject({ code: ChangeErrorCode.InvalidInput, details: expect.objectContaining({ path: 'levels[0].rule.percent' }) });
    const badCondition = await define({ name: 'Bad condition', appliesWhen: '{"fact":"model","op":"like","value":"x"}', levels: [{ ...level, quorumPercent: 50 }] });
    expect(badCondition.errors?.[0]?.extensions).toMatchObject({ code: ChangeErrorCode.InvalidInput, details: expect.objectContaining({ field: 'appliesWhen', path: '$.op' }) });
    const listed = await graphql(admin, '{ approvalPolicies { name } }');
    expect((listed.data?.['approvalPolicies'] as unknown as { name: string }[]).map((p) => p.name)).toEqual(['Low-risk standard changes', 'Normal changes: managers, then the CAB']);

    const template = await app.get(CreateChangeTemplateHandler).execute(
      new CreateChangeTemplateCommand({ name: `Patch ${randomUUID().slice(0, 4)}`, title: 'Monthly patch', description: '', plans, configurationItemIds: ['ci-router'], serviceIds: [], assignmentGroupId: 'g-network', durationMinutes: 60 }),
    );
    await app.get(PublishChangeTemplateHandler).execute(new PublishChangeTemplateCommand(template.id));
    const standard = await app.get(RequestStandardChangeHandler).execute({ userId: 'p-requester', roles: ['requester'], orgId: 'contoso' }, new RequestStandardChangeCommand(template.id, { plannedStart: new Date(later(24)) }));
    expect(standard).toMatchObject({ state: 'scheduled', approval: { outcome: 'approved', levels: [] } });
    expect(standard.approval?.autoApprovals).toHaveLength(1);
    await expectEventually(() =>
      expect(published.filter((e) => (e.data as { changeId?: string }).changeId === standard.id).map((e) => [e.type.replace('itsm.change.', ''), (e.data as { by: string }).by])).toEqual([
        ['requested.v1', 'p-requester'],
        ['approval-decided.v1', 'system'],
      ]),
    );
  });
});
