import type { Connection, Types } from 'mongoose';
import { applyOnce } from '../inbox';
import { collectionIndexes, index } from '../index-declaration';
import type { CollectionIndexes } from '../index-declaration';
import { objectIdFromKey } from '../object-id';
import { DirectoryProjection } from './directory-projection';
import type { AppliedDirectoryEvent, ProjectedGroupWithMembers } from './directory-projection';
import type { DirectoryChange, DirectoryGroupKind, DirectoryOrganisationKind, ProjectedOrganisation, ProjectedPerson } from './directory-record-change';

interface OrganisationDocument { _id: Types.ObjectId; key: string; name?: string; kind?: DirectoryOrganisationKind; active?: boolean }
interface PersonDocument {
  _id: Types.ObjectId;
  key: string;
  userName: string;
  displayName?: string;
  active: boolean;
  orgId?: string | null;
  roles?: string[];
  timeZone?: string | null;
  managerId?: string | null;
  email?: string | null;
  locale?: string | null;
  chatHandle?: string | null;
  deleted?: boolean;
}
/** `kind` absent: not live (known from member batches only, or deleted). */
interface GroupDocument { _id: Types.ObjectId; key: string; name?: string; kind?: DirectoryGroupKind; orgId?: string | null; roles?: string[]; managerId?: string | null; memberIds?: string[] }

const COLLECTIONS = { organisations: 'directory_organisations', people: 'directory_people', groups: 'directory_groups' } as const;
const organisationId = (id: string): Types.ObjectId => objectIdFromKey('directory-organisation', id);
const personId = (id: string): Types.ObjectId => objectIdFromKey('directory-person', id);
const groupId = (id: string): Types.ObjectId => objectIdFromKey('directory-group', id);

/**
 * The directory projection in a context's own database (`directory_organisations`,
 * `directory_people`, `directory_groups`): each document records the last sequence it applied from
 * its record's stream (`applyOnce`), so a duplicate, a replay or an older event changes nothing.
 * A context registers it with `contextRepository(MongoDirectoryProjection, (c) => new MongoDirectoryProjection(c), MongoDirectoryProjection.indexes)`.
 */
export class MongoDirectoryProjection extends DirectoryProjection {
  /** Role holders in id order; people by user name; a person's groups by member; everything else by `_id`. */
  static readonly indexes: readonly CollectionIndexes[] = [
    collectionIndexes(COLLECTIONS.organisations, []),
    collectionIndexes(COLLECTIONS.people, [index({ roles: 1, active: 1, key: 1 }), index({ userName: 1 })]),
    collectionIndexes(COLLECTIONS.groups, [index({ memberIds: 1, key: 1 }), index({ roles: 1, key: 1 })]),
  ];

  constructor(private readonly connection: Connection) {
    super();
  }

  private get organisationDocs() {
    return this.connection.collection<OrganisationDocument>(COLLECTIONS.organisations);
  }

  private get personDocs() {
    return this.connection.collection<PersonDocument>(COLLECTIONS.people);
  }

  private get groupDocs() {
    return this.connection.collection<GroupDocument>(COLLECTIONS.groups);
  }

  apply(change: DirectoryChange, event: AppliedDirectoryEvent): Promise<'applied' | 'duplicate'> {
    switch (change.kind) {
      case 'organisation': {
        const { id, name, kind, active } = change.organisation;
        return applyOnce(this.organisationDocs, organisationId(id), event, { $set: { key: id, name, kind, active } });
      }
      case 'person': {
        const { id, userName, displayName, active, orgId, roles, timeZone, managerId, email, locale, chatHandle } = change.person;
        return applyOnce(this.personDocs, personId(id), event, { $set: { key: id, userName, displayName, active, orgId, roles: [...roles], timeZone, managerId, email, locale, chatHandle, deleted: false } });
      }
      case 'person-deleted':
        return applyOnce(this.personDocs, personId(change.personId), event, { $set: { key: change.personId, userName: change.userName, active: false, roles: [], deleted: true } });
      case 'group': {
        const { id, name, kind, orgId, roles, managerId } = change.group;
        return applyOnce(this.groupDocs, groupId(id), event, { $set: { key: id, name, kind, orgId, roles: [...roles], managerId } });
      }
      case 'members-added':
        return applyOnce(this.groupDocs, groupId(change.groupId), event, { $set: { key: change.groupId }, $addToSet: { memberIds: { $each: change.personIds } } });
      case 'members-removed':
        return applyOnce(this.groupDocs, groupId(change.groupId), event, { $set: { key: change.groupId }, $pullAll: { memberIds: change.personIds } });
      case 'group-deleted':
        // A tombstone: no kind (not live), no roles, no members; its inbox stays.
        return applyOnce(this.groupDocs, groupId(change.groupId), event, { $set: { key: change.groupId, memberIds: [], roles: [] }, $unset: { kind: '' } });
    }
  }

  async people(ids: readonly string[]): Promise<ReadonlyMap<string, ProjectedPerson>> {
    if (ids.length === 0) return new Map();
    const docs = await this.personDocs.find({ _id: { $in: [...new Set(ids)].map(personId) } }).toArray();
    return new Map(docs.filter((d) => d.deleted !== true).map((d) => [d.key, toPerson(d)]));
  }

  async peopleByUserName(userNames: readonly string[]): Promise<ReadonlyMap<string, ProjectedPerson>> {
    if (userNames.length === 0) return new Map();
    const docs = await this.personDocs.find({ userName: { $in: [...new Set(userNames.map((u) => u.toLowerCase()))] } }).toArray();
    return new Map(docs.filter((d) => d.deleted !== true).map((d) => [d.userName, toPerson(d)]));
  }

  async groups(ids: readonly string[]): Promise<ReadonlyMap<string, ProjectedGroupWithMembers>> {
    if (ids.length === 0) return new Map();
    const docs = await this.groupDocs.find({ _id: { $in: [...new Set(ids)].map(groupId) } }).toArray();
    return new Map(liveGroups(docs).map((g) => [g.id, g]));
  }

  async organisations(ids: readonly string[]): Promise<ReadonlyMap<string, ProjectedOrganisation>> {
    if (ids.length === 0) return new Map();
    const docs = await this.organisationDocs.find({ _id: { $in: [...new Set(ids)].map(organisationId) } }).toArray();
    return new Map(docs.flatMap((d) => (d.kind === undefined ? [] : [[d.key, { id: d.key, name: d.name ?? d.key, kind: d.kind, active: d.active ?? true }] as const])));
  }

  async groupsOfMembers(personIds: readonly string[], limit: number): Promise<readonly ProjectedGroupWithMembers[]> {
    if (personIds.length === 0) return [];
    const docs = await this.groupDocs.find({ memberIds: { $in: [...new Set(personIds)] } }).sort({ key: 1 }).limit(limit).toArray();
    return liveGroups(docs);
  }

  async groupsWithRole(role: string, limit: number): Promise<readonly ProjectedGroupWithMembers[]> {
    const docs = await this.groupDocs.find({ roles: { $eq: role } }).sort({ key: 1 }).limit(limit).toArray();
    return liveGroups(docs);
  }

  async peopleWithRole(role: string, limit: number): Promise<readonly ProjectedPerson[]> {
    const docs = await this.personDocs.find({ roles: { $eq: role }, active: { $eq: true } }).sort({ key: 1 }).limit(limit).toArray();
    return docs.map(toPerson);
  }
}

function toPerson(d: PersonDocument): ProjectedPerson {
  return { id: d.key, userName: d.userName, displayName: d.displayName ?? d.userName, active: d.active, orgId: d.orgId ?? null, roles: d.roles ?? [], timeZone: d.timeZone ?? null, managerId: d.managerId ?? null, email: d.email ?? null, locale: d.locale ?? null, chatHandle: d.chatHandle ?? null };
}

function liveGroups(docs: readonly GroupDocument[]): ProjectedGroupWithMembers[] {
  return docs.flatMap((d) => (d.kind === undefined ? [] : [{ id: d.key, name: d.name ?? d.key, kind: d.kind, orgId: d.orgId ?? null, roles: d.roles ?? [], managerId: d.managerId ?? null, memberIds: d.memberIds ?? [] }]));
}
