import type { Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import type { Model, Types } from 'mongoose';
import { groupOf } from '../domain';
import type { DirectoryEvent, Group, GroupRecord } from '../domain';
import { GroupQueries } from '../application/ports/directory-queries.port';
import type { Criterion, DirectoryScope, Found, GroupField, OffsetPage } from '../application/ports/directory-queries.port';
import type { GroupStore } from '../application/ports/directory-stores.port';
import { checkPage, criterionFilter, liveFilter } from './criterion-filter';
import type { StoredField } from './criterion-filter';
import { DirectoryAggregates } from './directory-aggregates';
import type { Sequenced } from './directory-aggregates';
import { groupMapper } from './group.schema';
import type { GroupDocument } from './group.schema';

const GROUP_FIELDS_STORED: Readonly<Record<GroupField, StoredField>> = {
  id: { path: 'id', kind: 'exact' },
  name: { path: 'nameKey', kind: 'key' },
  kind: { path: 'kind', kind: 'exact' },
  organisationId: { path: 'organisationId', kind: 'exact' },
  externalId: { path: 'externalIdKey', kind: 'key' },
  memberId: { path: 'memberIds', kind: 'exact', array: true },
};

const RECORD_ONLY = { _outbox: 0 } as const;

type Stored = StoredDocument<GroupDocument & Sequenced> & { _id: Types.ObjectId };

/** Groups with their members in the document; queries see live groups only. */
export class GroupRepository extends GroupQueries implements GroupStore {
  private readonly aggregates: DirectoryAggregates<GroupRecord, GroupDocument>;

  constructor(
    private readonly model: Model<StoredDocument<GroupDocument & Sequenced>>,
    afterCommit: () => void,
  ) {
    super();
    this.aggregates = new DirectoryAggregates('directory-group', model, groupMapper, afterCommit);
  }

  load(id: string): Promise<Loaded<GroupRecord> | undefined> {
    return this.aggregates.load(id);
  }

  create(group: GroupRecord, events: readonly DirectoryEvent[]): Promise<SaveResult> {
    return this.aggregates.create(group, events);
  }

  save(loaded: Loaded<GroupRecord>, group: GroupRecord, events: readonly DirectoryEvent[]): Promise<SaveResult> {
    return this.aggregates.save(loaded, group, events);
  }

  async idsOfMember(personId: string): Promise<string[]> {
    const documents = await this.model.find({ memberIds: personId, deleted: false }, { id: 1 }).sort({ id: 1 }).lean<Pick<GroupDocument, 'id'>[]>();
    return documents.map((d) => d.id);
  }

  async byId(id: string): Promise<Group | undefined> {
    const document = await this.model.findById(this.aggregates.keyOf(id), RECORD_ONLY).lean<Stored>();
    return document === null || document.deleted ? undefined : groupOf(this.aggregates.toDomain(document));
  }

  async find(where: Criterion<GroupField> | undefined, page: OffsetPage, scope?: DirectoryScope): Promise<Found<Group>> {
    checkPage(page);
    const filter = liveFilter(where === undefined ? undefined : criterionFilter(where, GROUP_FIELDS_STORED), scope?.organisationId);
    const [documents, total] = await Promise.all([
      page.limit === 0 ? Promise.resolve([]) : this.model.find(filter, RECORD_ONLY).sort({ id: 1 }).skip(page.offset).limit(page.limit).lean<Stored[]>(),
      this.model.countDocuments(filter),
    ]);
    return { items: documents.map((d) => groupOf(this.aggregates.toDomain(d))), total };
  }

  async ofPerson(personId: string): Promise<readonly Group[]> {
    const documents = await this.model.find({ memberIds: personId, deleted: false }, RECORD_ONLY).sort({ id: 1 }).lean<Stored[]>();
    return documents.map((d) => groupOf(this.aggregates.toDomain(d)));
  }
}
