import { Clock } from '@itsm/platform/config';
import { PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { createGroup, DirectoryError, DirectoryErrorCode, groupOf, normaliseGroup, organisationForWriter } from '../../../domain';
import type { Group } from '../../../domain';
import { groupIdFor } from '../../directory-ids';
import { DirectoryReferences } from '../../directory-references.service';
import { GROUP_STORE } from '../../ports/directory-stores.port';
import type { GroupStore } from '../../ports/directory-stores.port';
import type { CreateGroupCommand } from './create-group.command';

/**
 * Creates a group with its first members (each a live person the writer may see): group-saved,
 * then members-added in batches. DIRECTORY.UNIQUENESS when the chosen id is taken.
 */
@Injectable()
export class CreateGroupHandler {
  constructor(
    @Inject(GROUP_STORE) private readonly groups: GroupStore,
    @Inject(DirectoryReferences) private readonly references: DirectoryReferences,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ actor, group: input, id: chosen }: CreateGroupCommand): Promise<Group> {
    const id = groupIdFor(chosen);
    const normalised = normaliseGroup(input);
    const attributes = { ...normalised, organisationId: organisationForWriter(actor.organisationId, normalised.organisationId) };
    await this.references.requireOrganisation(attributes.organisationId);
    if (attributes.managerId !== null) await this.references.requirePeople([attributes.managerId], actor.organisationId, 'managerId');
    await this.references.requirePeople(attributes.memberIds, actor.organisationId, 'memberIds');
    const { aggregate, events } = createGroup(id, attributes, actor.by, this.clock.now());
    try {
      await this.groups.create(aggregate, events);
    } catch (error) {
      if (error instanceof PersistenceError && error.code === PersistenceErrorCode.AlreadyExists) throw new DirectoryError(DirectoryErrorCode.Uniqueness, `the group id ${id} is taken`, { field: 'id' });
      throw error;
    }
    return groupOf(aggregate);
  }
}
