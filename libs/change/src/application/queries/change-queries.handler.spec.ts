import { ChangeErrorCode } from '../../domain';
import { CAB, changeWorld, IMPLEMENTER, MANAGER, PLANS, REQUESTER, storedChange, SUPPLIER } from '../test-fixtures/change-fixtures';
import { createTemplate, publishTemplate } from '../../domain';
import { FindChangeTemplatesHandler } from './find-change-templates/find-change-templates.handler';
import { FindChangeTemplatesQuery } from './find-change-templates/find-change-templates.query';
import { FindChangeQuery } from './find-change/find-change.query';
import { FindChangeHandler } from './find-change/find-change.handler';
import { FindChangesQuery } from './find-changes/find-changes.query';
import { FindChangesHandler } from './find-changes/find-changes.handler';
import { VerifyChangeAuditHandler } from './verify-change-audit/verify-change-audit.handler';
import { VerifyChangeAuditQuery } from './verify-change-audit/verify-change-audit.query';

describe('change queries', () => {
  it('shows each viewer only what they may see', async () => {
    const world = await changeWorld();
    const mine = await storedChange(world);
    const supplied = await storedChange(world, { requesterId: 'p-manager', assignmentGroupId: 'g-fabrikam-ops', assignedOrgId: 'fabrikam', assigneeId: 'p-supplier' });
    const find = new FindChangeHandler(world.changes, world.access);
    const list = new FindChangesHandler(world.changes, world.access);
    const ids = async (viewer: typeof MANAGER, filter = {}) => (await list.execute(viewer, new FindChangesQuery(filter, 10, undefined))).items.map((c) => c.id);

    expect(await find.execute(REQUESTER, new FindChangeQuery({ number: mine.number }))).toEqual(mine);
    expect(await find.execute(REQUESTER, new FindChangeQuery({ id: supplied.id }))).toBeUndefined();
    expect(await find.execute(SUPPLIER, new FindChangeQuery({ id: supplied.id }))).toEqual(supplied);
    expect(await ids(MANAGER)).toEqual([supplied.id, mine.id]);
    expect(await ids(CAB)).toEqual([supplied.id, mine.id]);
    expect(await ids(REQUESTER)).toEqual([mine.id]);
    expect(await ids(SUPPLIER)).toEqual([supplied.id]);
    expect(await ids(IMPLEMENTER, { assignmentGroupId: 'g-network' })).toEqual([mine.id]);
    expect(await ids(IMPLEMENTER, { assignmentGroupId: 'g-fabrikam-ops' })).toEqual([]);
    await expect(list.execute(MANAGER, new FindChangesQuery({}, 0, undefined))).rejects.toMatchObject({ code: ChangeErrorCode.InvalidInput });
    await expect(list.execute(MANAGER, new FindChangesQuery({ plannedFrom: world.clock.now(), plannedTo: world.clock.now() }, 5, undefined))).rejects.toMatchObject({ code: ChangeErrorCode.InvalidInput });
  });

  it('verifies a stored chain and names an edited entry', async () => {
    const world = await changeWorld();
    const change = await storedChange(world);
    const verify = new VerifyChangeAuditHandler(world.changes);
    expect(await verify.execute(new VerifyChangeAuditQuery(change.id))).toEqual({ ok: true, entries: 1 });
    const item = world.changes.items.get(change.id);
    if (item === undefined) throw new Error('stored change missing');
    item.audit[0] = { ...(item.audit[0] as (typeof item.audit)[number]), by: 'forger' };
    expect(await verify.execute(new VerifyChangeAuditQuery(change.id))).toMatchObject({ ok: false, seq: 1, reason: 'hash' });
    await expect(verify.execute(new VerifyChangeAuditQuery('none'))).rejects.toMatchObject({ code: ChangeErrorCode.NotFound });
  });

  it('lists templates by name: the published catalogue for everyone, drafts for admins and change managers', async () => {
    const world = await changeWorld();
    const details = { title: 'T', description: '', plans: PLANS, configurationItemIds: [], serviceIds: [], assignmentGroupId: null, durationMinutes: 30 };
    const now = world.clock.now();
    await world.templates.create(publishTemplate(createTemplate('t-b', { ...details, name: 'beta' }, now), now));
    await world.templates.create(createTemplate('t-a', { ...details, name: 'Alpha' }, now));
    await world.templates.create(publishTemplate(createTemplate('t-c', { ...details, name: 'gamma' }, now), now));
    const find = new FindChangeTemplatesHandler(world.templates);
    const names = async (viewer: typeof MANAGER, state?: 'draft' | 'published', first = 10) => (await find.execute(viewer, new FindChangeTemplatesQuery(state, first, undefined))).map((t) => t.name);
    expect(await names(MANAGER)).toEqual(['Alpha', 'beta', 'gamma']);
    expect(await names(MANAGER, 'draft')).toEqual(['Alpha']);
    expect(await names(REQUESTER)).toEqual(['beta', 'gamma']);
    expect(await names(REQUESTER, 'draft')).toEqual([]);
    const [first] = await find.execute(REQUESTER, new FindChangeTemplatesQuery(undefined, 1, undefined));
    expect((await find.execute(REQUESTER, new FindChangeTemplatesQuery(undefined, 5, `${first?.name.toLowerCase()}\u0000${first?.id}`))).map((t) => t.name)).toEqual(['gamma']);
  });
});
