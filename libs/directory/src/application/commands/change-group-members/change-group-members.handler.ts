import { Clock } from '@itsm/platform/config';
import { AggregateCommandRunner } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { changeGroupMembers, groupOf, withinScope } from '../../../domain';
import type { DirectoryEvent, Group, GroupRecord } from '../../../domain';
import { checkExpectedVersion, groupErrors } from '../../directory-command.errors';
import { DirectoryReferences } from '../../directory-references.service';
import { GROUP_STORE } from '../../ports/directory-stores.port';
import type { GroupStore } from '../../ports/directory-stores.port';
import type { ChangeGroupMembersCommand } from './change-group-members.command';

/**
 * Adds and removes members (and renames) in one write: members-removed then members-added in
 * batches of at most 1,000. Every newly added id must be a live person the writer may see
 * (DIRECTORY.PERSON_NOT_FOUND otherwise, nothing written). A given expected version must be the
 * stored one (DIRECTORY.CONFLICT otherwise, nothing written).
 */
@Injectable()
export class ChangeGroupMembersHandler {
  private readonly runner: AggregateCommandRunner<GroupRecord, DirectoryEvent>;

  constructor(
    @Inject(GROUP_STORE) groups: GroupStore,
    @Inject(DirectoryReferences) private readonly references: DirectoryReferences,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    this.runner = new AggregateCommandRunner(groups, groupErrors);
  }

  async execute({ actor, id, add, remove, rename, expectedVersion }: ChangeGroupMembersCommand): Promise<Group> {
    const { aggregate } = await this.runner.run(id, {
      authorise: (current) => {
        if (current.deleted || !withinScope(actor.organisationId, current.organisationId)) throw groupErrors.notFound(id);
        // Authorised again on the fresh state after a lost race: a stale If-Match never writes.
        checkExpectedVersion(expectedVersion, current.version, 'group');
      },
      decide: async (current) => {
        const decided = changeGroupMembers(current, add, remove, rename, actor.by, this.clock.now());
        const members = new Set(current.memberIds);
        await this.references.requirePeople(decided.aggregate.memberIds.filter((member) => !members.has(member)), actor.organisationId, 'add');
        return decided;
      },
    });
    return groupOf(aggregate);
  }
}
