import { connectContext, ensureIndexes } from '@itsm/platform/persistence';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { ChangeErrorCode, defineApprovalPolicy } from '../domain';
import type { ApprovalDelegation } from '../domain';
import { demoApprovalPolicies } from '../demo/change-approval-demo-data';
import { ApprovalDelegationRepository } from './approval-delegation.repository';
import { ApprovalPolicyRepository } from './approval-policy.repository';

const mongoUrl = (): string => {
  const url = process.env['ITSM_TEST_MONGO_URL'];
  if (url === undefined) throw new Error('run with jest.int.config.ts');
  return url;
};

/** Instants relative to the run, never a calendar date. */
const T0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const hours = (h: number): Date => new Date(T0.getTime() + h * 3_600_000);

describe('approval policies and delegations on the MongoDB peer', () => {
  let connection: Connection;
  let policies: ApprovalPolicyRepository;
  let delegations: ApprovalDelegationRepository;

  beforeAll(async () => {
    connection = await connectContext({ url: mongoUrl(), dbPrefix: 'itsm_test' }, `change_approvals_${randomUUID().slice(0, 8)}`);
    await ensureIndexes(connection, [...ApprovalPolicyRepository.indexes, ...ApprovalDelegationRepository.indexes]);
    policies = new ApprovalPolicyRepository(connection);
    delegations = new ApprovalDelegationRepository(connection);
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('stores policies with their condition trees and levels, lists them by order, refuses a stale save and a taken id', async () => {
    const [standard, normal] = demoApprovalPolicies();
    const second = defineApprovalPolicy('pol-normal', normal!, 'admin', hours(0));
    const first = defineApprovalPolicy('pol-standard', standard!, 'admin', hours(0));
    await policies.create(second);
    await policies.create(first);
    expect(await policies.all()).toEqual([first, second]);
    expect(await policies.byId('pol-normal')).toEqual(second);
    await expect(policies.create(first)).rejects.toMatchObject({ code: ChangeErrorCode.Conflict });

    const revised = defineApprovalPolicy('pol-normal', { ...normal!, active: false }, 'admin-2', hours(1), second);
    await policies.save(revised, 1);
    await expect(policies.save(revised, 1)).rejects.toMatchObject({ code: ChangeErrorCode.Conflict });
    expect(await policies.byId('pol-normal')).toMatchObject({ active: false, version: 2, updatedBy: 'admin-2' });
    expect(await policies.remove('pol-normal')).toBe(true);
    expect(await policies.remove('pol-normal')).toBe(false);
    expect((await policies.all()).map((p) => p.id)).toEqual(['pol-standard']);
  });

  it('finds the delegations in force for a delegate, the current ones of either party, and revokes once', async () => {
    const delegation = (id: string, delegatorId: string, delegateId: string, from: number, to: number): ApprovalDelegation => ({
      id, delegatorId, delegateId, start: hours(from), end: hours(to), reason: null, createdBy: delegatorId, createdAt: hours(-10), revokedAt: null,
    });
    await delegations.create(delegation('d-now', 'ann', 'bob', -1, 24));
    await delegations.create(delegation('d-later', 'cid', 'bob', 48, 72));
    await delegations.create(delegation('d-over', 'dan', 'bob', -48, -24));
    await delegations.create(delegation('d-other', 'bob', 'eve', 0, 10));

    expect((await delegations.inForceFor('bob', hours(0))).map((d) => d.id)).toEqual(['d-now']);
    expect((await delegations.inForceFor('bob', hours(50))).map((d) => d.id)).toEqual(['d-later']);
    expect((await delegations.currentOf('bob', hours(0))).map((d) => d.id)).toEqual(['d-now', 'd-other', 'd-later']);

    expect((await delegations.revoke('d-now', hours(2)))?.revokedAt).toEqual(hours(2));
    expect((await delegations.revoke('d-now', hours(3)))?.revokedAt).toEqual(hours(2));
    expect(await delegations.inForceFor('bob', hours(3))).toEqual([]);
    expect(await delegations.revoke('nope', hours(3))).toBeUndefined();
  });
});
