import type { ApprovalPlan, ResolvedApprovers } from '@itsm/approval';
import { DirectoryProjection } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';

/** Enough for any steering board; more holders of a role are not asked one by one. */
const MAX_PER_SOURCE = 1_000;

/** Resolves each planned go-live level's approvers (groups' members, named people, role holders directly or through groups) to active people. */
@Injectable()
export class GoLiveApprovers {
  constructor(private readonly directory: DirectoryProjection) {}

  async resolve(plan: ApprovalPlan): Promise<ResolvedApprovers> {
    return Promise.all(
      plan.levels.map(async ({ definition: { approvers } }) => {
        const groups = await this.directory.groups(approvers.groupIds);
        const byRole = await Promise.all(
          approvers.roles.map(async (role) => [
            ...(await this.directory.peopleWithRole(role, MAX_PER_SOURCE)).map((p) => p.id),
            ...(await this.directory.groupsWithRole(role, MAX_PER_SOURCE)).flatMap((g) => g.memberIds),
          ]),
        );
        const candidates = [...new Set([...[...groups.values()].flatMap((g) => g.memberIds), ...approvers.userIds, ...byRole.flat()])];
        const people = await this.directory.people(candidates);
        return candidates.filter((id) => people.get(id)?.active === true);
      }),
    );
  }
}
