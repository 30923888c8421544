import { directorySubject, directoryTopic } from '@itsm/contracts';
import type { EventOf } from '@itsm/contracts';
import { TopicFeed } from './topic-feed';

export type DirectoryEvent = EventOf<typeof directoryTopic>;
type DirectoryType = DirectoryEvent['type'];
export type DirectoryEventOf<T extends DirectoryType> = Extract<DirectoryEvent, { type: T }>;
type DataOf<T extends DirectoryType> = DirectoryEventOf<T>['data'];
type PersonFacts = Omit<DataOf<'itsm.directory.person-created.v1'>, 'by' | 'at'>;
type GroupFacts = Omit<DataOf<'itsm.directory.group-saved.v1'>, 'by' | 'at'>;
type OrganisationFacts = Omit<DataOf<'itsm.directory.organisation-saved.v1'>, 'by' | 'at'>;

export type PersonEventType = 'itsm.directory.person-created.v1' | 'itsm.directory.person-updated.v1' | 'itsm.directory.person-deactivated.v1' | 'itsm.directory.person-reactivated.v1';

/**
 * Writes `itsm.directory.v1` events as the directory publishes them, for tests and benchmarks of
 * the contexts that follow it (they seed their projections from these, never through the directory
 * service): each event is checked against the contract, and each subject's events are numbered
 * 1, 2, 3, ... in the order they are written (`sequenceOf` / `at` write older or replayed ones).
 */
export class DirectoryFeed extends TopicFeed {
  constructor(source = '/itsm/directory', by = 'u-directory-test') {
    super(directoryTopic, source, by);
  }

  organisation(facts: Pick<OrganisationFacts, 'organisationId'> & Partial<OrganisationFacts>): DirectoryEventOf<'itsm.directory.organisation-saved.v1'> {
    const data: OrganisationFacts = { name: facts.organisationId, kind: 'internal', parentId: null, active: true, ...facts };
    return this.write('itsm.directory.organisation-saved.v1', directorySubject('organisation', data.organisationId), data);
  }

  /** A person's whole state; `type` says which change it reports (created by default). */
  person(facts: Pick<PersonFacts, 'personId' | 'userName'> & Partial<PersonFacts>, type: PersonEventType = 'itsm.directory.person-created.v1'): DirectoryEventOf<PersonEventType> {
    const data: PersonFacts = {
      displayName: facts.userName,
      emails: [],
      phones: [],
      chatHandle: null,
      timeZone: null,
      locale: null,
      title: null,
      department: null,
      employeeNumber: null,
      managerId: null,
      organisationId: null,
      roles: [],
      active: type !== 'itsm.directory.person-deactivated.v1',
      externalId: null,
      ...facts,
    };
    if (type === 'itsm.directory.person-updated.v1') return this.write(type, directorySubject('person', data.personId), { ...data, changed: ['displayName'] });
    return this.write(type, directorySubject('person', data.personId), data);
  }

  personDeleted(personId: string, userName: string): DirectoryEventOf<'itsm.directory.person-deleted.v1'> {
    return this.write('itsm.directory.person-deleted.v1', directorySubject('person', personId), { personId, userName });
  }

  group(facts: Pick<GroupFacts, 'groupId'> & Partial<GroupFacts>): DirectoryEventOf<'itsm.directory.group-saved.v1'> {
    const data: GroupFacts = { name: facts.groupId, kind: 'assignment', organisationId: null, managerId: null, roles: [], memberCount: 0, externalId: null, ...facts };
    return this.write('itsm.directory.group-saved.v1', directorySubject('group', data.groupId), data);
  }

  membersAdded(groupId: string, personIds: readonly string[]): DirectoryEventOf<'itsm.directory.group-members-added.v1'> {
    return this.write('itsm.directory.group-members-added.v1', directorySubject('group', groupId), { groupId, personIds: [...personIds] });
  }

  membersRemoved(groupId: string, personIds: readonly string[]): DirectoryEventOf<'itsm.directory.group-members-removed.v1'> {
    return this.write('itsm.directory.group-members-removed.v1', directorySubject('group', groupId), { groupId, personIds: [...personIds] });
  }

  groupDeleted(groupId: string): DirectoryEventOf<'itsm.directory.group-deleted.v1'> {
    return this.write('itsm.directory.group-deleted.v1', directorySubject('group', groupId), { groupId });
  }


  private write<T extends DirectoryType>(type: T, subject: string, data: Omit<DataOf<T>, 'by' | 'at'>): DirectoryEventOf<T> {
    // Checked against the contract by `envelope`: the payload is the one its type names.
    return this.envelope(type, subject, data) as unknown as DirectoryEventOf<T>;
  }
}
