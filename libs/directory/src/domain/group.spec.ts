import { directoryTopic, TopicRegistry } from '@itsm/contracts';
import { DirectoryErrorCode } from './directory.errors';
import { changeGroupMembers, createGroup, deleteGroup, memberEvents, normaliseGroup, replaceGroup } from './group';
import type { GroupAttributes } from './group';
import { thrown } from './test-fixtures/thrown';

const registry = new TopicRegistry([directoryTopic]);
const at = new Date('2031-01-02T03:04:05.000Z');
const attributes: GroupAttributes = { name: 'Service Desk', kind: 'assignment', organisationId: 'contoso', managerId: null, roles: ['agent'], memberIds: ['p-1', 'p-2'], externalId: null };
const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `p-${from + i}`);

describe('group rules', () => {
  it('lists members once, in order, and refuses bad groups', () => {
    expect(normaliseGroup({ ...attributes, name: ' Desk ', memberIds: ['p-2', 'p-1', 'p-2'] })).toMatchObject({ name: 'Desk', memberIds: ['p-2', 'p-1'] });
    expect(thrown(() => normaliseGroup({ ...attributes, kind: 'team' as never })).details).toEqual({ field: 'kind' });
    expect(thrown(() => normaliseGroup({ ...attributes, memberIds: ['bad id'] })).details).toEqual({ field: 'memberIds' });
    expect(thrown(() => normaliseGroup({ ...attributes, memberIds: ids(100_001) })).code).toBe(DirectoryErrorCode.TooMany);
    expect(normaliseGroup({ ...attributes, memberIds: ids(100_000) }).memberIds).toHaveLength(100_000);
  });

  it('creates with group-saved then members in batches of at most 1,000', () => {
    const { aggregate, events } = createGroup('big', { ...attributes, memberIds: ids(2_500) }, 'u-admin', at);
    expect(aggregate.memberIds).toHaveLength(2_500);
    expect(events.map((e) => e.type)).toEqual(['itsm.directory.group-saved.v1', ...Array<string>(3).fill('itsm.directory.group-members-added.v1')]);
    expect(events.slice(1).map((e) => ('personIds' in e.data ? e.data.personIds.length : 0))).toEqual([1_000, 1_000, 500]);
    expect(events[0]?.data).toMatchObject({ memberCount: 2_500 });
    for (const event of events) registry.validatePayload(directoryTopic.name, event.type, event.data);
  });

  it('replaces members: removed then added, attributes only when changed, order kept', () => {
    const { aggregate: group } = createGroup('desk', attributes, 'u-admin', at);
    const { aggregate, events } = replaceGroup(group, { ...attributes, memberIds: ['p-3', 'p-2'] }, 'scim:c1', at);
    expect(aggregate.memberIds).toEqual(['p-2', 'p-3']);
    expect(events.map((e) => [e.type, 'personIds' in e.data ? e.data.personIds : []])).toEqual([
      ['itsm.directory.group-members-removed.v1', ['p-1']],
      ['itsm.directory.group-members-added.v1', ['p-3']],
    ]);
    expect(replaceGroup(group, attributes, 'u-admin', at).events).toEqual([]);
    expect(replaceGroup(group, { ...attributes, name: 'Desk' }, 'u-admin', at).events.map((e) => e.type)).toEqual(['itsm.directory.group-saved.v1']);
  });

  it('changes members idempotently and refuses an id both added and removed', () => {
    const { aggregate: group } = createGroup('desk', attributes, 'u-admin', at);
    const { aggregate, events } = changeGroupMembers(group, ['p-2', 'p-9'], ['p-1', 'p-7'], undefined, 'u-admin', at);
    expect(aggregate.memberIds).toEqual(['p-2', 'p-9']);
    expect(events.map((e) => e.type)).toEqual(['itsm.directory.group-members-removed.v1', 'itsm.directory.group-members-added.v1']);
    expect(changeGroupMembers(group, ['p-1'], ['p-5'], undefined, 'u-admin', at).events).toEqual([]);
    expect(thrown(() => changeGroupMembers(group, ['p-4'], ['p-4'], undefined, 'u-admin', at)).details).toEqual({ field: 'add' });
    expect(changeGroupMembers(group, [], [], 'Desk 2', 'u-admin', at).events.map((e) => e.type)).toEqual(['itsm.directory.group-saved.v1']);
  });

  it('refuses more than 100,000 members after a change', () => {
    const { aggregate: group } = createGroup('big', { ...attributes, memberIds: ids(100_000) }, 'u-admin', at);
    expect(thrown(() => changeGroupMembers(group, ['p-x'], [], undefined, 'u-admin', at)).code).toBe(DirectoryErrorCode.TooMany);
  });

  it('deletes to a tombstone without members', () => {
    const { aggregate: group } = createGroup('desk', attributes, 'u-admin', at);
    const { aggregate, events } = deleteGroup(group, 'u-admin', at);
    expect(aggregate).toMatchObject({ deleted: true, memberIds: [] });
    expect(events).toEqual([{ type: 'itsm.directory.group-deleted.v1', data: { groupId: 'desk', by: 'u-admin', at: at.toISOString() } }]);
    expect(memberEvents('added', 'desk', [], 'u', at.toISOString())).toEqual([]);
  });
});
