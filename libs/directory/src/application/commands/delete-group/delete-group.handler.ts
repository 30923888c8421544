import { Clock } from '@itsm/platform/config';
import { AggregateCommandRunner } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { deleteGroup, withinScope } from '../../../domain';
import type { DirectoryEvent, GroupRecord } from '../../../domain';
import { groupErrors } from '../../directory-command.errors';
import { GROUP_STORE } from '../../ports/directory-stores.port';
import type { GroupStore } from '../../ports/directory-stores.port';
import type { DeleteGroupCommand } from './delete-group.command';

/** Deletes a group (SCIM DELETE, admin): a tombstone without members and group-deleted. */
@Injectable()
export class DeleteGroupHandler {
  private readonly runner: AggregateCommandRunner<GroupRecord, DirectoryEvent>;

  constructor(
    @Inject(GROUP_STORE) groups: GroupStore,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    this.runner = new AggregateCommandRunner(groups, groupErrors);
  }

  async execute({ actor, id }: DeleteGroupCommand): Promise<void> {
    await this.runner.run(id, {
      authorise: (current) => {
        if (current.deleted || !withinScope(actor.organisationId, current.organisationId)) throw groupErrors.notFound(id);
      },
      decide: (current) => deleteGroup(current, actor.by, this.clock.now()),
    });
  }
}
