import { Clock } from '@itsm/platform/config';
import { AggregateCommandRunner } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { groupOf, normaliseGroup, organisationForWriter, replaceGroup, withinScope } from '../../../domain';
import type { DirectoryEvent, Group, GroupRecord } from '../../../domain';
import { checkExpectedVersion, groupErrors } from '../../directory-command.errors';
import { DirectoryReferences } from '../../directory-references.service';
import { GROUP_STORE } from '../../ports/directory-stores.port';
import type { GroupStore } from '../../ports/directory-stores.port';
import type { ReplaceGroupCommand } from './replace-group.command';

/** Replaces a group's attributes and whole member list (SCIM PUT): group-saved when an attribute changed, members removed/added in batches. */
@Injectable()
export class ReplaceGroupHandler {
  private readonly runner: AggregateCommandRunner<GroupRecord, DirectoryEvent>;

  constructor(
    @Inject(GROUP_STORE) groups: GroupStore,
    @Inject(DirectoryReferences) private readonly references: DirectoryReferences,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    this.runner = new AggregateCommandRunner(groups, groupErrors);
  }

  async execute({ actor, id, group: input, expectedVersion }: ReplaceGroupCommand): Promise<Group> {
    const normalised = normaliseGroup(input);
    const attributes = { ...normalised, organisationId: organisationForWriter(actor.organisationId, normalised.organisationId) };
    const { aggregate } = await this.runner.run(id, {
      authorise: (current) => {
        if (current.deleted || !withinScope(actor.organisationId, current.organisationId)) throw groupErrors.notFound(id);
        checkExpectedVersion(expectedVersion, current.version, 'group');
      },
      decide: async (current) => {
        if (attributes.organisationId !== current.organisationId) await this.references.requireOrganisation(attributes.organisationId);
        if (attributes.managerId !== null && attributes.managerId !== current.managerId) await this.references.requirePeople([attributes.managerId], actor.organisationId, 'managerId');
        const members = new Set(current.memberIds);
        await this.references.requirePeople(attributes.memberIds.filter((member) => !members.has(member)), actor.organisationId, 'memberIds');
        return replaceGroup(current, attributes, actor.by, this.clock.now());
      },
    });
    return groupOf(aggregate);
  }
}
