import type { Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import type { Model, Types } from 'mongoose';
import { personOf } from '../domain';
import type { DirectoryEvent, Person, PersonRecord } from '../domain';
import { PeopleQueries } from '../application/ports/directory-queries.port';
import type { Criterion, DirectoryScope, Found, OffsetPage, PersonField } from '../application/ports/directory-queries.port';
import type { PersonRef, PersonStore } from '../application/ports/directory-stores.port';
import { checkPage, criterionFilter, liveFilter } from './criterion-filter';
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

/** Without the outbox (queries never need it). */
const RECORD_ONLY = { _outbox: 0 } as const;

type Stored = StoredDocument<PersonDocument & Sequenced> & { _id: Types.ObjectId };

/** People: each a platform aggregate (state and events in one write); queries see live people only. */
export class PersonRepository extends PeopleQueries implements PersonStore {
  private readonly aggregates: DirectoryAggregates<PersonRecord, PersonDocument>;

  constructor(
    private readonly model: Model<StoredDocument<PersonDocument & Sequenced>>,
    afterCommit: () => void,
  ) {
    super();
    this.aggregates = new DirectoryAggregates('directory-person', model, personMapper, afterCommit);
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
    const document = await this.model.findById(this.aggregates.keyOf(id), RECORD_ONLY).lean<Stored>();
    return document === null || document.deleted ? undefined : personOf(this.aggregates.toDomain(document));
  }

  async byUserName(userName: string): Promise<Person | undefined> {
    const document = await this.model.findOne({ userNameKey: userName.toLowerCase(), deleted: false }, RECORD_ONLY).sort({ id: 1 }).lean<Stored>();
    return document === null ? undefined : personOf(this.aggregates.toDomain(document));
  }

  async find(where: Criterion<PersonField> | undefined, page: OffsetPage, scope?: DirectoryScope): Promise<Found<Person>> {
    checkPage(page);
    const filter = liveFilter(where === undefined ? undefined : criterionFilter(where, PERSON_FIELDS_STORED), scope?.organisationId);
    const [documents, total] = await Promise.all([
      page.limit === 0 ? Promise.resolve([]) : this.model.find(filter, RECORD_ONLY).sort({ id: 1 }).skip(page.offset).limit(page.limit).lean<Stored[]>(),
      this.model.countDocuments(filter),
    ]);
    return { items: documents.map((d) => personOf(this.aggregates.toDomain(d))), total };
  }
}
