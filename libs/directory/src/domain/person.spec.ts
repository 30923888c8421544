import { directoryTopic, TopicRegistry } from '@itsm/contracts';
import { createPerson, deletePerson, replacePerson } from './person';
import type { PersonAttributes } from './person-rules';

const registry = new TopicRegistry([directoryTopic]);
const at = new Date('2031-01-02T03:04:05.000Z');
const later = new Date('2031-01-02T04:00:00.000Z');
const attributes: PersonAttributes = {
  userName: 'u-jane',
  displayName: 'Jane',
  emails: [{ value: 'jane@contoso.example', type: 'work', primary: true }],
  phones: [],
  chatHandle: null,
  timeZone: 'Europe/Berlin',
  locale: 'en-GB',
  title: null,
  department: null,
  employeeNumber: null,
  managerId: null,
  organisationId: 'contoso',
  roles: ['agent'],
  active: true,
  externalId: null,
};

function valid(events: readonly { type: string; data: unknown }[]): void {
  for (const event of events) registry.validatePayload(directoryTopic.name, event.type, event.data);
}

describe('person decisions', () => {
  it('creates with person-created carrying the whole record', () => {
    const { aggregate, events } = createPerson('p-1', attributes, 'u-admin', at);
    expect(aggregate).toMatchObject({ id: 'p-1', version: 1, deleted: false, createdAt: at });
    expect(events).toEqual([{ type: 'itsm.directory.person-created.v1', data: expect.objectContaining({ personId: 'p-1', userName: 'u-jane', timeZone: 'Europe/Berlin', by: 'u-admin', at: at.toISOString() }) }]);
    valid(events);
  });

  it('names the changed attributes, and publishes deactivation separately', () => {
    const { aggregate: created } = createPerson('p-1', attributes, 'u-admin', at);
    const { aggregate, events } = replacePerson(created, { ...attributes, displayName: 'Jane D.', timeZone: 'Asia/Tokyo', active: false }, 'scim:c1', later);
    expect(aggregate).toMatchObject({ version: 2, active: false, updatedAt: later, createdAt: at });
    expect(events.map((e) => e.type)).toEqual(['itsm.directory.person-updated.v1', 'itsm.directory.person-deactivated.v1']);
    expect(events[0]?.data).toMatchObject({ changed: ['displayName', 'timeZone'], active: true, displayName: 'Jane D.' });
    expect(events[1]?.data).toMatchObject({ active: false, personId: 'p-1' });
    valid(events);
  });

  it('publishes only reactivation when only active flips, and nothing when nothing changes', () => {
    const { aggregate: created } = createPerson('p-1', { ...attributes, active: false }, 'u-admin', at);
    expect(replacePerson(created, { ...attributes, active: true }, 'u-admin', later).events.map((e) => e.type)).toEqual(['itsm.directory.person-reactivated.v1']);
    const same = replacePerson(created, { ...attributes, active: false }, 'u-admin', later);
    expect(same).toEqual({ aggregate: created, events: [] });
  });

  it('deletes to a tombstone with person-deleted', () => {
    const { aggregate: created } = createPerson('p-1', attributes, 'u-admin', at);
    const { aggregate, events } = deletePerson(created, 'scim:c1', later);
    expect(aggregate).toMatchObject({ deleted: true, active: false, version: 2 });
    expect(events).toEqual([{ type: 'itsm.directory.person-deleted.v1', data: { personId: 'p-1', userName: 'u-jane', by: 'scim:c1', at: later.toISOString() } }]);
    valid(events);
  });
});
