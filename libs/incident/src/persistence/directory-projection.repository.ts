import { applyOnce, collectionIndexes, index, objectIdFromKey } from '@itsm/platform/persistence';
import type { Connection, Types } from 'mongoose';
import type { DirectoryChange } from '@itsm/platform/persistence';
import type { AssignmentGroupView, GroupKind, OrganisationKind, ProjectedOrganisation, ProjectedPerson } from '../domain';
import { memberStanding } from '../domain';
import type { AppliedEvent } from '../application/ports/directory-projection.port';
import type { AssignmentGroups, Organisations } from '../application/ports/reference-data.port';
import type { DirectoryProjectionStore } from '../application/ports/directory-projection.port';
import type { ActingPeople } from '../application/ports/acting-people.port';

interface OrganisationDocument { _id: Types.ObjectId; key: string; name: string; kind: OrganisationKind; active?: boolean }
interface PersonDocument { _id: Types.ObjectId; key: string; userName: string; active: boolean; orgId?: string | null; deleted?: boolean }
/** `members` (token subjects) is the shape the removed admin mutation wrote; the directory's `group-saved` removes it. */
interface GroupDocument { _id: Types.ObjectId; key: string; name?: string; kind?: GroupKind; orgId?: string | null; memberIds?: string[]; members?: string[] }

const organisationId = (id: string): Types.ObjectId => objectIdFromKey('organisation', id);
const personId = (id: string): Types.ObjectId => objectIdFromKey('directory-person', id);
const groupId = (id: string): Types.ObjectId => objectIdFromKey('assignment-group', id);

/**
 * The incident context's projection of the people directory (`itsm.directory.v1`): organisations,
 * groups (all kinds; only `assignment` ones are listed and assignable) and people (id, user name
 * lower-cased, active, organisation). Each document records the last sequence it applied from its
 * record's stream (the inbox), so an event applies at most once and never over a later one.
 *
 * Same collections as the reference data the removed admin mutations wrote (`organisations`,
 * `assignment_groups`), migrated in place: an organisation without `active` (written before the
 * directory) counts as active; a group without `kind` is unknown to assignment until the
 * directory's `group-saved` for it arrives, which also drops its old member list (token subjects,
 * not the directory's person ids).
 */
export class DirectoryProjectionRepository implements AssignmentGroups, Organisations, DirectoryProjectionStore, ActingPeople {
  /** Lists in key order (all organisations; the assignment groups, all or one organisation's); everything else by `_id`. */
  static readonly indexes = [
    collectionIndexes('organisations', [index({ key: 1 })]),
    collectionIndexes('assignment_groups', [index({ kind: 1, key: 1 }), index({ kind: 1, orgId: 1, key: 1 })]),
    collectionIndexes('directory_people', []),
  ];

  constructor(private readonly connection: Connection) {}

  private get organisations() {
    return this.connection.collection<OrganisationDocument>('organisations');
  }

  private get people() {
    return this.connection.collection<PersonDocument>('directory_people');
  }

  private get groups() {
    return this.connection.collection<GroupDocument>('assignment_groups');
  }

  apply(change: DirectoryChange, event: AppliedEvent): Promise<'applied' | 'duplicate'> {
    switch (change.kind) {
      case 'organisation': {
        const { id, name, kind, active } = change.organisation;
        return applyOnce(this.organisations, organisationId(id), event, { $set: { key: id, name, kind, active } });
      }
      case 'person': {
        const { id, userName, active, orgId } = change.person;
        return applyOnce(this.people, personId(id), event, { $set: { key: id, userName, active, orgId, deleted: false } });
      }
      case 'person-deleted':
        return applyOnce(this.people, personId(change.personId), event, { $set: { key: change.personId, userName: change.userName, active: false, deleted: true } });
      case 'group': {
        const { id, name, kind, orgId } = change.group;
        return applyOnce(this.groups, groupId(id), event, { $set: { key: id, name, kind, orgId }, $unset: { members: '' } });
      }
      case 'members-added':
        return applyOnce(this.groups, groupId(change.groupId), event, { $set: { key: change.groupId }, $addToSet: { memberIds: { $each: change.personIds } } });
      case 'members-removed':
        return applyOnce(this.groups, groupId(change.groupId), event, { $set: { key: change.groupId }, $pullAll: { memberIds: change.personIds } });
      case 'group-deleted':
        // A tombstone: no kind (so not listed, not assignable), no members; its inbox stays.
        return applyOnce(this.groups, groupId(change.groupId), event, { $set: { key: change.groupId, memberIds: [] }, $unset: { kind: '', members: '' } });
    }
  }

  async organisation(id: string): Promise<ProjectedOrganisation | undefined> {
    const d = await this.organisations.findOne({ _id: organisationId(id) });
    return d ? toOrganisation(d) : undefined;
  }

  /** A person by directory id (deactivated and deleted ones as inactive), by `_id`. */
  async person(id: string): Promise<ProjectedPerson | undefined> {
    const d = await this.people.findOne({ _id: personId(id) });
    return d ? { ...toPerson(d), active: d.active && d.deleted !== true } : undefined;
  }

  async listOrganisations(): Promise<ProjectedOrganisation[]> {
    const docs = await this.organisations.find({}).sort({ key: 1 }).limit(1_000).toArray();
    return docs.map(toOrganisation);
  }

  async group(id: string): Promise<AssignmentGroupView | undefined> {
    const d = await this.groups.findOne({ _id: groupId(id) });
    if (!d || d.kind === undefined) return undefined;
    const organisation = d.orgId === undefined || d.orgId === null ? undefined : await this.organisation(d.orgId);
    return (await this.withMembers([d], new Map(organisation ? [[organisation.id, organisation]] : [])))[0];
  }

  /** The assignment groups (kind `assignment`), all or one organisation's, with their members. */
  async listGroups(orgId?: string): Promise<AssignmentGroupView[]> {
    const filter = orgId === undefined ? { kind: { $eq: 'assignment' as const } } : { kind: { $eq: 'assignment' as const }, orgId: { $eq: orgId } };
    const docs = await this.groups.find(filter).sort({ key: 1 }).limit(1_000).toArray();
    const organisations = new Map((await this.listOrganisations()).map((o) => [o.id, o]));
    return this.withMembers(docs, organisations);
  }

  private async withMembers(docs: readonly GroupDocument[], organisations: ReadonlyMap<string, ProjectedOrganisation>): Promise<AssignmentGroupView[]> {
    const ids = [...new Set(docs.flatMap((d) => d.memberIds ?? []))];
    const people = ids.length === 0 ? [] : await this.people.find({ _id: { $in: ids.map(personId) } }).toArray();
    const byId = new Map(people.map((p) => [p.key, { ...toPerson(p), deleted: p.deleted === true }]));
    return docs.flatMap((d) => {
      if (d.kind === undefined) return [];
      const orgId = d.orgId ?? null;
      const organisationActive = orgId === null || (organisations.get(orgId)?.active ?? true);
      return [{ id: d.key, name: d.name ?? d.key, kind: d.kind, orgId, organisationActive, ...memberStanding(d.memberIds ?? [], byId) }];
    });
  }
}

function toOrganisation(d: OrganisationDocument): ProjectedOrganisation {
  return { id: d.key, name: d.name, kind: d.kind, active: d.active ?? true };
}

function toPerson(d: PersonDocument): ProjectedPerson {
  return { id: d.key, userName: d.userName, active: d.active, orgId: d.orgId ?? null };
}
