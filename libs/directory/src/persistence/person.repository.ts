import type { Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import type { Model } from 'mongoose';
import { personOf } from '../domain';
import type { DirectoryEvent, Person, PersonRecord } from '../domain';
import { PeopleQueries } from '../application/ports/directory-queries.port';
import type { Criterion, DirectoryScope, Found, OffsetPage, PersonField } from '../application/ports/directory-queries.port';
import type { PersonRef, PersonStore } from '../application/ports/directory-stores.port';
import { criterionFilter, liveFilter } from './criterion-filter';
import type { StoredField } from './criterion-filter';
import { DirectoryAggregates } from './directory-aggregates';
import type { Sequenced } from './directory-aggregates';
import { personMapper } from './person.schema';
import type { PersonDocument } from './person.schema';

const PERSON_FIELDS_STORED: Readonly<Record<PersonField, StoredField>> = {
  id: { path: 'id', kind: 'exact' },
  userName: { path: 'userNameKey', kind: 'key' },
  displayName: { path: 'displayName', kind: 'text' },
  email: { path: 'emailKeys', kind: 'key', array: true },
  externalId: { path: 'externalIdKey', kind: 'key' },
  active: { path: 'active', kind: 'boolean' },
  organisationId: { path: 'organisationId', kind: 'exact' },
  managerId: { path: 'managerId', kind: 'exact' },
  department: { path: 'department', kind: 'text' },
  employeeNumber: { path: 'employeeNumber', kind: 'exact' },
  title: { path: 'title', kind: 'text' },
};

/** People: each a platform aggregate (state and events in one write); queries see live people only. */
export class PersonRepository extends PeopleQueries implements PersonStore {
  private readonly aggregates: DirectoryAggregates<PersonRecord, PersonDocument>;

  constructor(
    private readonly model: Model<StoredDocument<PersonDocument & Sequenced>>,
    afterCommit: () => void,
  ) {
    super();
    this.aggregates = new DirectoryAggregates('person', model, personMapper, afterCommit);
  }

  load(id: string): Promise<Loaded<PersonRecord> | undefined> {
    return this.aggregates.load(id);
  }

  create(person: PersonRecord, events: readonly DirectoryEvent[]): Promise<SaveResult> {
    return this.aggregates.create(person, events);
  }

  save(loaded: Loaded<PersonRecord>, person: PersonRecord, events: readonly DirectoryEvent[]): Promise<SaveResult> {
    return this.aggregates.save(loaded, person, events);
  }

  async existing(ids: readonly string[]): Promise<PersonRef[]> {
    if (ids.length === 0) return [];
    const documents = await this.model
      .find({ _id: { $in: ids.map((id) => this.aggregates.keyOf(id)) } }, { id: 1, organisationId: 1, deleted: 1 })
      .lean<Pick<PersonDocument, 'id' | 'organisationId' | 'deleted'>[]>();
    return documents.filter((d) => !d.deleted).map((d) => ({ id: d.id, organisationId: d.organisationId ?? null }));
  }

  async byId(id: string): Promise<Person | undefined> {
    const record = await this.aggregates.find(id);
    return record === undefined || record.deleted ? undefined : personOf(record);
  }

  async byUserName(userName: string): Promise<Person | undefined> {
    // Unique by the claims: at most one live person has the key.
    const [record] = (await this.aggregates.page({ userNameKey: userName.toLowerCase(), deleted: false }, { offset: 0, limit: 1 })).items;
    return record === undefined ? undefined : personOf(record);
  }

  async find(where: Criterion<PersonField> | undefined, page: OffsetPage, scope?: DirectoryScope): Promise<Found<Person>> {
    const filter = liveFilter(where === undefined ? undefined : criterionFilter(where, PERSON_FIELDS_STORED), scope?.organisationId);
    const found = await this.aggregates.page(filter, page);
    return { items: found.items.map(personOf), total: found.total };
  }
}
