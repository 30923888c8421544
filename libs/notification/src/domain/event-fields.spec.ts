import { directoryTopic, incidentTopic, PLATFORM_TOPICS } from '@itsm/contracts';
import { fieldTypes, notifiableEventTypes } from './event-fields';

describe('event fields (what rules and templates are checked against)', () => {
  const types = notifiableEventTypes(PLATFORM_TOPICS);
  const opened = incidentTopic.events['itsm.incident.opened.v1'];

  it('knows every platform event type with its topic', () => {
    expect(types.get('itsm.incident.assigned.v1')?.topic).toBe('itsm.incident.v1');
    expect(types.has('itsm.incident.bogus.v1')).toBe(false);
  });

  it('types a field through unions, and finds nothing for an unknown one', () => {
    expect(fieldTypes(opened, ['priority'])).toEqual(['number']);
    expect([...fieldTypes(opened, ['assignmentGroupId'])].sort()).toEqual(['null', 'string']);
    expect(fieldTypes(opened, ['bogus'])).toEqual([]);
    expect(fieldTypes(opened, ['priority', 'deeper'])).toEqual([]);
  });

  it('walks array items by index or by field', () => {
    expect(fieldTypes(opened, ['configurationItemIds'])).toEqual(['array']);
    expect(fieldTypes(opened, ['configurationItemIds', '0'])).toEqual(['string']);
    const person = directoryTopic.events['itsm.directory.person-created.v1'];
    expect(fieldTypes(person, ['emails', 'value'])).toEqual(['string']);
    expect(fieldTypes(person, ['emails', '0', 'primary'])).toEqual(['boolean']);
    expect(fieldTypes(person, ['emails', 'bogus'])).toEqual([]);
  });
});
