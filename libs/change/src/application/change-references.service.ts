import { Injectable } from '@nestjs/common';
import { ChangeError, ChangeErrorCode } from '../domain';
import { ConfigurationItems, People } from './ports/change-references.port';

/** The references a change (or template) names, as far as they are given. */
export interface ChangeReferencesToCheck {
  readonly configurationItemIds?: readonly string[];
  readonly serviceIds?: readonly string[];
  readonly people?: readonly string[];
  readonly assignmentGroupId?: string | null;
  readonly assigneeId?: string | null;
}

/**
 * Checks references against the context's own projections of the CMDB and the directory: unknown
 * or retired CIs, non-service CIs named as services, unknown or inactive people, unknown groups,
 * assignees outside their group. Answers the group's supplier organisation (SIAM), if any.
 */
@Injectable()
export class ChangeReferences {
  constructor(
    private readonly items: ConfigurationItems,
    private readonly people: People,
  ) {}

  async check(refs: ChangeReferencesToCheck): Promise<{ readonly assignedOrgId: string | null }> {
    await this.checkItems(refs.configurationItemIds ?? [], refs.serviceIds ?? []);
    const personIds = [...(refs.people ?? []), ...(refs.assigneeId ? [refs.assigneeId] : [])];
    if (personIds.length > 0) {
      const found = await this.people.people(personIds);
      for (const id of personIds) {
        if (found.get(id)?.active !== true) throw new ChangeError(ChangeErrorCode.UnknownPerson, `person ${id} is unknown or inactive`, { personId: id });
      }
    }
    if (refs.assignmentGroupId === undefined || refs.assignmentGroupId === null) return { assignedOrgId: null };
    const group = await this.people.group(refs.assignmentGroupId);
    if (group === undefined) throw new ChangeError(ChangeErrorCode.UnknownGroup, `group ${refs.assignmentGroupId} is unknown`, { groupId: refs.assignmentGroupId });
    if (refs.assigneeId && !group.memberIds.includes(refs.assigneeId)) {
      throw new ChangeError(ChangeErrorCode.UnknownGroup, `${refs.assigneeId} is not a member of group ${group.id}`, { groupId: group.id, personId: refs.assigneeId });
    }
    return { assignedOrgId: group.organisationKind === 'supplier' ? group.organisationId : null };
  }

  private async checkItems(ciIds: readonly string[], serviceIds: readonly string[]): Promise<void> {
    if (ciIds.length + serviceIds.length === 0) return;
    const found = await this.items.find([...ciIds, ...serviceIds]);
    for (const id of [...ciIds, ...serviceIds]) {
      const ci = found.get(id);
      if (ci === undefined || ci.retired) throw new ChangeError(ChangeErrorCode.UnknownConfigurationItem, `configuration item ${id} is unknown or retired`, { ciId: id });
    }
    for (const id of serviceIds) {
      if (found.get(id)?.service !== true) throw new ChangeError(ChangeErrorCode.UnknownConfigurationItem, `${id} is not a service`, { ciId: id });
    }
  }
}
