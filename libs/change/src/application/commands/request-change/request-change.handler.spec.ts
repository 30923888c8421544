import { ChangeErrorCode } from '../../../domain';
import { changeWorld, IMPLEMENTER, MANAGER, PLANS, REQUESTER } from '../../test-fixtures/change-fixtures';
import type { ChangeWorld } from '../../test-fixtures/change-fixtures';
import { RequestChangeCommand } from './request-change.command';
import { RequestChangeHandler } from './request-change.handler';

describe('RequestChangeHandler', () => {
  let world: ChangeWorld;
  let handler: RequestChangeHandler;
  const command = (input: Partial<RequestChangeCommand['input']> = {}) =>
    new RequestChangeCommand({ model: 'normal', title: 'Upgrade', description: '', assignmentGroupId: 'g-network', assigneeId: 'p-implementer', configurationItemIds: ['ci-a'], serviceIds: ['svc-pay'], plans: PLANS, planned: null, ...input });

  beforeEach(async () => {
    world = await changeWorld();
    handler = new RequestChangeHandler(world.changes, world.references, world.numbers, world.clock);
  });

  it('stores a New change numbered from CHG0001000 with its requested event and the first audit entry', async () => {
    const change = await handler.execute(REQUESTER, command());
    expect(change).toMatchObject({ number: 'CHG0001000', state: 'new', requesterId: 'p-requester', createdAt: world.clock.now() });
    expect(world.changes.savedTypes()).toEqual(['itsm.change.requested.v1']);
    expect((await world.changes.audit(change.id))?.map((e) => [e.seq, e.by])).toEqual([[1, 'p-requester']]);
    expect((await handler.execute(REQUESTER, command())).number).toBe('CHG0001001');
  });

  it('sets the supplier organisation of a supplier group', async () => {
    expect((await handler.execute(MANAGER, command({ assignmentGroupId: 'g-fabrikam-ops', assigneeId: 'p-supplier' }))).assignedOrgId).toBe('fabrikam');
  });

  it.each([
    ['a retired CI', { configurationItemIds: ['ci-old'] }, ChangeErrorCode.UnknownConfigurationItem],
    ['an unknown CI', { configurationItemIds: ['ci-zzz'] }, ChangeErrorCode.UnknownConfigurationItem],
    ['a CI that is no service as a service', { serviceIds: ['ci-b'] }, ChangeErrorCode.UnknownConfigurationItem],
    ['an unknown group', { assignmentGroupId: 'g-nope', assigneeId: null }, ChangeErrorCode.UnknownGroup],
    ['an assignee outside the group', { assigneeId: 'p-supplier' }, ChangeErrorCode.UnknownGroup],
    ['an inactive assignee', { assigneeId: 'p-gone' }, ChangeErrorCode.UnknownPerson],
    ['an end before the start', { planned: { start: new Date('2031-03-04T10:00:00Z'), end: new Date('2031-03-04T09:00:00Z') } }, ChangeErrorCode.InvalidInput],
  ])('refuses %s, writing nothing and burning no number', async (_, input, code) => {
    await expect(handler.execute(MANAGER, command(input))).rejects.toMatchObject({ code });
    expect(world.changes.saved).toEqual([]);
    expect(await world.numbers.next('CHG')).toBe('CHG0001000');
  });

  it('lets only managers, implementers and admins request for someone else, and only for someone active', async () => {
    await expect(handler.execute(REQUESTER, command({ requesterId: 'p-manager' }))).rejects.toMatchObject({ code: ChangeErrorCode.Forbidden });
    expect((await handler.execute(IMPLEMENTER, command({ requesterId: 'p-requester' }))).requesterId).toBe('p-requester');
    await expect(handler.execute(MANAGER, command({ requesterId: 'p-gone' }))).rejects.toMatchObject({ code: ChangeErrorCode.UnknownPerson });
  });
});
