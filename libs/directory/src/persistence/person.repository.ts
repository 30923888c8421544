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
import type { UserNameClaimRepository } from './user-name-claim.repository';
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
    /** userName look-ups go through the claims (by `_id`) instead of a secondary index. */
    private readonly claims: Pick<UserNameClaimRepository, 'holderOf'>,
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
    const [person] = (await this.find({ field: 'userName', op: 'eq', value: userName }, { offset: 0, limit: 1 })).items;
    return person;
  }

  /**
   * A filter whose conjuncts include `userName eq` (SCIM's look-up before every create) is pinned to
   * the one person that can match: the holder of that userName's claim (the claims keep userNames
   * unique; a live person always holds its own), read by `_id` like the person, so the look-up costs
   * two key reads on any store. The rest of the filter still applies to that person.
   */
  async find(where: Criterion<PersonField> | undefined, page: OffsetPage, scope?: DirectoryScope): Promise<Found<Person>> {
    const filter = liveFilter(where === undefined ? undefined : criterionFilter(where, PERSON_FIELDS_STORED), scope?.organisationId);
    const userName = where === undefined ? undefined : userNameEquals(where);
    if (userName !== undefined) {
      const holder = await this.claims.holderOf(userName.toLowerCase());
      if (holder === undefined) return { items: [], total: 0 };
      const found = await this.aggregates.page({ _id: this.aggregates.keyOf(holder), ...filter }, page);
      return { items: found.items.map(personOf), total: found.total };
    }
    const found = await this.aggregates.page(filter, page);
    return { items: found.items.map(personOf), total: found.total };
  }
}

/** The userName a criterion requires (`userName eq "x"`, alone or as a conjunct of a top-level `and`). */
function userNameEquals(where: Criterion<PersonField>): string | undefined {
  if ('field' in where) return where.field === 'userName' && where.op === 'eq' && typeof where.value === 'string' ? where.value : undefined;
  if ('and' in where) {
    for (const child of where.and) {
      const userName = userNameEquals(child);
      if (userName !== undefined) return userName;
    }
  }
  return undefined;
}
