import type { ApproverSpec, PlannedLevel, ResolvedApprovers } from '@itsm/approval';
import { Injectable } from '@nestjs/common';
import type { Change } from '../domain';
import { ConfigurationItems, People } from './ports/change-references.port';

/** The role a policy names for "the owner of a service the change affects": the service CI's `service_owner` attribute. */
export const SERVICE_OWNER_ROLE = 'service-owner';
const SERVICE_OWNER_ATTRIBUTE = 'service_owner';
/** The contract's approver list bound (approval-requested carries at most 1,000 ids). */
const MAX_APPROVERS = 1_000;

/**
 * Turns the approvers a policy names (groups, users, roles) into person ids, from the change
 * context's own directory and CMDB projections: active people only, a group's active members,
 * a role's active holders; `service-owner` is the owner of each service CI the change names.
 */
@Injectable()
export class ApproverResolution {
  constructor(
    private readonly people: People,
    private readonly configurationItems: ConfigurationItems,
  ) {}

  async resolve(levels: readonly PlannedLevel[], change: Change): Promise<ResolvedApprovers> {
    const owners = levels.some((l) => l.definition.approvers.roles.includes(SERVICE_OWNER_ROLE)) ? await this.serviceOwners(change) : [];
    const resolved: string[][] = [];
    for (const level of levels) resolved.push(await this.resolveSpec(level.definition.approvers, owners));
    return resolved;
  }

  private async resolveSpec(spec: ApproverSpec, serviceOwners: readonly string[]): Promise<string[]> {
    const candidates = new Set<string>(spec.userIds);
    for (const groupId of spec.groupIds) {
      for (const member of (await this.people.group(groupId))?.memberIds ?? []) candidates.add(member);
    }
    for (const role of spec.roles) {
      if (role === SERVICE_OWNER_ROLE) serviceOwners.forEach((id) => candidates.add(id));
      else (await this.people.withRole(role, MAX_APPROVERS)).forEach((p) => candidates.add(p.id));
    }
    const known = await this.people.people([...candidates]);
    return [...candidates].filter((id) => known.get(id)?.active === true).sort().slice(0, MAX_APPROVERS);
  }

  private async serviceOwners(change: Change): Promise<string[]> {
    const services = await this.configurationItems.find(change.serviceIds);
    const owners: string[] = [];
    for (const ci of services.values()) {
      const owner = ci.attributes[SERVICE_OWNER_ATTRIBUTE];
      if (!ci.retired && typeof owner === 'string' && owner !== '') owners.push(owner);
    }
    return owners;
  }
}
