import type { ApprovalLevelDefinition, PlannedLevel } from '@itsm/approval';
import { changeIn } from '../domain/test-fixtures/changes';
import { ApproverResolution, SERVICE_OWNER_ROLE } from './approver-resolution.service';
import { InMemoryConfigurationItems } from './test-fixtures/in-memory-configuration-items';
import { group, person, StaticPeople } from './test-fixtures/static-people';

const level = (approvers: Partial<ApprovalLevelDefinition['approvers']>): PlannedLevel => ({
  policyId: 'p',
  definition: { name: 'L', approvers: { groupIds: [], userIds: [], roles: [], ...approvers }, rule: { kind: 'first_response' }, mandatory: true },
});

function setup() {
  const people = new StaticPeople(
    [person('ann', ['cab-member']), person('bob', ['cab-member']), person('cid'), person('dan', ['change-manager']), person('gone', ['cab-member'], false), person('olga')],
    [group('g-cab', ['ann', 'bob', 'gone']), group('g-empty', [])],
  );
  const items = new InMemoryConfigurationItems();
  items.ci({ id: 'svc-pay', service: true, attributes: { service_owner: 'olga' } });
  items.ci({ id: 'svc-old', service: true, retired: true, attributes: { service_owner: 'cid' } });
  items.ci({ id: 'svc-none', service: true });
  return new ApproverResolution(people, items);
}

describe('ApproverResolution', () => {
  it('resolves users, group members and role holders to active people, sorted and distinct, level by level', async () => {
    const resolved = await setup().resolve(
      [level({ userIds: ['cid', 'gone', 'nobody'] }), level({ groupIds: ['g-cab', 'g-unknown'] }), level({ roles: ['cab-member', 'change-manager'], userIds: ['ann'] }), level({ groupIds: ['g-empty'] })],
      changeIn('authorize'),
    );
    expect(resolved).toEqual([['cid'], ['ann', 'bob'], ['ann', 'bob', 'dan'], []]);
  });

  it("service-owner: the owner of each live service CI the change names", async () => {
    const change = changeIn('authorize', 'normal', { serviceIds: ['svc-pay', 'svc-old', 'svc-none', 'svc-unknown'] });
    expect(await setup().resolve([level({ roles: [SERVICE_OWNER_ROLE] })], change)).toEqual([['olga']]);
    expect(await setup().resolve([level({ roles: [SERVICE_OWNER_ROLE] })], changeIn('authorize'))).toEqual([[]]);
  });
});
