import type { Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import type { Model } from 'mongoose';
import { groupOf } from '../domain';
import type { DirectoryEvent, Group, GroupRecord } from '../domain';
import { GroupQueries } from '../application/ports/directory-queries.port';
import type { Criterion, DirectoryScope, Found, GroupField, OffsetPage } from '../application/ports/directory-queries.port';
import type { GroupStore } from '../application/ports/directory-stores.port';
import { criterionFilter, liveFilter } from './criterion-filter';
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

/** Groups with their members in the document; queries see live groups only. */
export class GroupRepository extends GroupQueries implements GroupStore {
  private readonly aggregates: DirectoryAggregates<GroupRecord, GroupDocument>;

  constructor(
    private readonly model: Model<StoredDocument<GroupDocument & Sequenced>>,
    afterCommit: () => void,
  ) {
    super();
    this.aggregates = new DirectoryAggregates('group', model, groupMapper, afterCommit);
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
    const record = await this.aggregates.find(id);
    return record === undefined || record.deleted ? undefined : groupOf(record);
  }

  async find(where: Criterion<GroupField> | undefined, page: OffsetPage, scope?: DirectoryScope): Promise<Found<Group>> {
    const filter = liveFilter(where === undefined ? undefined : criterionFilter(where, GROUP_FIELDS_STORED), scope?.organisationId);
    const found = await this.aggregates.page(filter, page);
    return { items: found.items.map(groupOf), total: found.total };
  }

  async ofPerson(personId: string): Promise<readonly Group[]> {
    return (await this.aggregates.all({ memberIds: personId, deleted: false })).map(groupOf);
  }
}
