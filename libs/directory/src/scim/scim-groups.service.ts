import { Injectable } from '@nestjs/common';
import {
  ChangeGroupMembersCommand,
  ChangeGroupMembersHandler,
  CreateGroupCommand,
  CreateGroupHandler,
  DeleteGroupCommand,
  DeleteGroupHandler,
  ReplaceGroupCommand,
  ReplaceGroupHandler,
} from '../application/commands';
import type { GroupInput } from '../application/directory-inputs';
import { GroupQueries } from '../application/ports';
import type { Found } from '../application/ports';
import type { Group, ProvisioningClient } from '../domain';
import { ScimError } from './scim.errors';
import { groupCriterion } from './scim-filter.mapper';
import { planGroupPatch } from './scim-group-patch';
import type { GroupPatchPlan } from './scim-group-patch';
import { groupInputFromScim } from './scim-group.mapper';
import type { ScimPage } from './scim-list';
import { expectedVersion } from './scim-meta';
import { readPatchRequest } from './scim-patch-request';
import { SCIM_GROUP_SCHEMAS } from './scim-schemas';
import { actorOf, canSee, scopeOf } from './scim-scope';
import { requireVersion } from './scim-users.service';

/** The /Groups use cases; member changes travel as batches (ChangeGroupMembersCommand), never as the restated list. */
@Injectable()
export class ScimGroupsService {
  constructor(
    private readonly groups: GroupQueries,
    private readonly createGroup: CreateGroupHandler,
    private readonly replaceGroup: ReplaceGroupHandler,
    private readonly changeMembers: ChangeGroupMembersHandler,
    private readonly deleteGroup: DeleteGroupHandler,
  ) {}

  async create(client: ProvisioningClient, body: unknown): Promise<Group> {
    // A group an identity provider creates is an assignment group of the client's organisation until an admin says otherwise.
    const input = groupInputFromScim(body, { kind: 'assignment', organisationId: client.organisationId, managerId: null, roles: [] });
    return this.createGroup.execute(new CreateGroupCommand(actorOf(client), input));
  }

  async get(client: ProvisioningClient, id: string): Promise<Group> {
    const group = await this.groups.byId(id);
    if (group === undefined || !canSee(client, group)) throw new ScimError(404, undefined, `No Group "${id}".`);
    return group;
  }

  async list(client: ProvisioningClient, filter: string | undefined, page: ScimPage): Promise<Found<Group>> {
    return this.groups.find(groupCriterion(filter), { offset: page.startIndex - 1, limit: page.count }, scopeOf(client));
  }

  async replace(client: ProvisioningClient, id: string, body: unknown, ifMatch: string | undefined): Promise<Group> {
    const expected = expectedVersion(ifMatch);
    const current = await this.get(client, id);
    requireVersion(current, expected);
    const input = groupInputFromScim(body, { kind: current.kind, organisationId: current.organisationId, managerId: current.managerId, roles: current.roles });
    return this.replaceGroup.execute(new ReplaceGroupCommand(actorOf(client), id, input, expected));
  }

  /** PATCH: planned whole (nothing written on a bad operation), then one member batch; a changed externalId needs the full replace. */
  async patch(client: ProvisioningClient, id: string, body: unknown, ifMatch: string | undefined): Promise<Group> {
    const operations = readPatchRequest(body, SCIM_GROUP_SCHEMAS);
    const expected = expectedVersion(ifMatch);
    const current = await this.get(client, id);
    requireVersion(current, expected);
    const plan = planGroupPatch(current, operations);
    if (plan.externalId !== undefined) {
      return this.replaceGroup.execute(new ReplaceGroupCommand(actorOf(client), id, replaced(current, plan), current.version));
    }
    if (plan.add.length === 0 && plan.remove.length === 0 && plan.rename === undefined) return current;
    return this.changeMembers.execute(new ChangeGroupMembersCommand(actorOf(client), id, plan.add, plan.remove, plan.rename, expected));
  }

  async delete(client: ProvisioningClient, id: string, ifMatch: string | undefined): Promise<void> {
    requireVersion(await this.get(client, id), expectedVersion(ifMatch));
    await this.deleteGroup.execute(new DeleteGroupCommand(actorOf(client), id));
  }
}

function replaced(current: Group, plan: GroupPatchPlan): GroupInput {
  const removed = new Set(plan.remove);
  return {
    name: plan.rename ?? current.name,
    kind: current.kind,
    organisationId: current.organisationId,
    managerId: current.managerId,
    roles: current.roles,
    memberIds: [...new Set([...current.memberIds.filter((member) => !removed.has(member)), ...plan.add])],
    externalId: plan.externalId === undefined ? current.externalId : plan.externalId,
  };
}
