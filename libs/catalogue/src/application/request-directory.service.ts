import type { PlannedLevel, ResolvedApprovers } from '@itsm/approval';
import { CmdbProjection, DirectoryProjection } from '@itsm/platform/persistence';
import type { ProjectedGroupWithMembers, ProjectedPerson } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, catalogueError } from '../domain/catalogue.errors';
import type { RequesterProfile } from '../domain/entitlement';
import type { ReferenceKind, ReferenceLookup } from '../domain/forms';
import { KnownServices } from './ports/known-services.port';

/** The role an approval level names for "the manager of the person the item is for". */
export const REQUESTER_MANAGER_ROLE = 'requester-manager';
/** The contract's bound on a level's approvers (approval-requested carries at most 1,000 ids). */
const MAX_APPROVERS = 1_000;
/** Enough groups for any one person; more are not read. */
const MAX_GROUPS_OF_PERSON = 500;

/** A person as ordering needs them: active, with their entitlement profile. */
export interface DirectoryPerson {
  readonly person: ProjectedPerson;
  readonly profile: RequesterProfile;
}

/**
 * What requests read of the catalogue's directory projection: people's entitlement profiles
 * (organisation and its kind, roles direct and through groups, groups), form references (with the
 * CMDB projection's CIs), approvers and fulfilment groups.
 */
@Injectable()
export class RequestDirectory {
  constructor(
    private readonly directory: DirectoryProjection,
    private readonly services: KnownServices,
    private readonly cmdb: CmdbProjection,
  ) {}

  /** An active person with their profile, or CATALOGUE.NOT_FOUND naming `field`. */
  async person(personId: string, field: string): Promise<DirectoryPerson> {
    const person = (await this.directory.people([personId])).get(personId);
    if (person?.active !== true) throw catalogueError(CatalogueErrorCode.NotFound, `No active person ${personId}.`, { field, personId });
    const groups = await this.directory.groupsOfMembers([personId], MAX_GROUPS_OF_PERSON);
    const organisation = person.orgId === null ? undefined : (await this.directory.organisations([person.orgId])).get(person.orgId);
    const profile: RequesterProfile = {
      personId,
      organisationId: person.orgId,
      // A person without an organisation (or with one the directory has not announced) counts as internal, as the directory treats them.
      organisationKind: organisation?.kind ?? 'internal',
      roles: [...new Set([...person.roles, ...groups.flatMap((g) => g.roles)])].sort(),
      groupIds: groups.map((g) => g.id),
    };
    return { person, profile };
  }

  /**
   * References a form's values name: people (active), groups (live) from the directory projection;
   * services from the portfolio; configuration items (not retired) from the CMDB projection.
   */
  references(): ReferenceLookup {
    return {
      unknown: async (kind: ReferenceKind, ids: readonly string[]): Promise<readonly string[]> => {
        switch (kind) {
          case 'person': {
            const people = await this.directory.people(ids);
            return ids.filter((id) => people.get(id)?.active !== true);
          }
          case 'group': {
            const groups = await this.directory.groups(ids);
            return ids.filter((id) => !groups.has(id));
          }
          case 'service':
            return this.services.unknown(ids);
          case 'configuration_item':
            return this.cmdb.unknownOrRetired(ids);
        }
      },
    };
  }

  /**
   * Each planned level's approvers as active person ids: its users, its groups' members, its roles'
   * holders (directly or through a group), `requester-manager` the manager of `requestedFor`.
   */
  async approvers(levels: readonly PlannedLevel[], requestedFor: ProjectedPerson): Promise<ResolvedApprovers> {
    const resolved: string[][] = [];
    for (const { definition } of levels) {
      const candidates = new Set<string>(definition.approvers.userIds);
      const groups = await this.directory.groups(definition.approvers.groupIds);
      groups.forEach((g) => g.memberIds.forEach((id) => candidates.add(id)));
      for (const role of definition.approvers.roles) {
        if (role === REQUESTER_MANAGER_ROLE) {
          if (requestedFor.managerId !== null) candidates.add(requestedFor.managerId);
          continue;
        }
        (await this.directory.peopleWithRole(role, MAX_APPROVERS)).forEach((p) => candidates.add(p.id));
        (await this.directory.groupsWithRole(role, MAX_APPROVERS)).forEach((g) => g.memberIds.forEach((id) => candidates.add(id)));
      }
      const known = await this.directory.people([...candidates]);
      resolved.push([...candidates].filter((id) => known.get(id)?.active === true).sort().slice(0, MAX_APPROVERS));
    }
    return resolved;
  }

  /** The live groups among `groupIds`, by id, with whether each belongs to a supplier organisation. */
  async fulfilmentGroups(groupIds: readonly string[]): Promise<ReadonlyMap<string, { readonly group: ProjectedGroupWithMembers; readonly supplierOrgId: string | null }>> {
    const groups = await this.directory.groups([...new Set(groupIds)]);
    const orgIds = [...new Set([...groups.values()].flatMap((g) => (g.orgId === null ? [] : [g.orgId])))];
    const organisations = await this.directory.organisations(orgIds);
    const answer = new Map<string, { group: ProjectedGroupWithMembers; supplierOrgId: string | null }>();
    for (const group of groups.values()) {
      const supplier = group.orgId !== null && organisations.get(group.orgId)?.kind === 'supplier';
      answer.set(group.id, { group, supplierOrgId: supplier ? group.orgId : null });
    }
    return answer;
  }

  /** The live groups a person is a member of. */
  groupsOf(personId: string): Promise<readonly ProjectedGroupWithMembers[]> {
    return this.directory.groupsOfMembers([personId], MAX_GROUPS_OF_PERSON);
  }
}
