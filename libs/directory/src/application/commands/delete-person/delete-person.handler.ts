import { Clock } from '@itsm/platform/config';
import { AggregateCommandRunner } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { changeGroupMembers, deletePerson, withinScope } from '../../../domain';
import type { DirectoryEvent, GroupRecord, PersonRecord } from '../../../domain';
import { groupErrors, personErrors } from '../../directory-command.errors';
import { GROUP_STORE, PERSON_STORE } from '../../ports/directory-stores.port';
import type { GroupStore, PersonStore } from '../../ports/directory-stores.port';
import { UserNameClaims } from '../../user-name-claims.service';
import type { DeletePersonCommand } from './delete-person.command';

/**
 * Deletes a person (SCIM DELETE): first out of every group (members-removed on each), then kept as
 * a tombstone with person-deleted (its id is never reused; no query finds it), then its userName
 * given back. A repeated delete after a crash finishes what is left.
 */
@Injectable()
export class DeletePersonHandler {
  private readonly peopleRunner: AggregateCommandRunner<PersonRecord, DirectoryEvent>;
  private readonly groupRunner: AggregateCommandRunner<GroupRecord, DirectoryEvent>;

  constructor(
    @Inject(PERSON_STORE) people: PersonStore,
    @Inject(GROUP_STORE) private readonly groups: GroupStore,
    @Inject(UserNameClaims) private readonly claims: UserNameClaims,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    this.peopleRunner = new AggregateCommandRunner(people, personErrors);
    this.groupRunner = new AggregateCommandRunner(groups, groupErrors);
  }

  async execute({ actor, id }: DeletePersonCommand): Promise<void> {
    const live = (person: PersonRecord) => {
      if (person.deleted || !withinScope(actor.organisationId, person.organisationId)) throw personErrors.notFound(id);
    };
    const at = this.clock.now();
    // Checked first, so a person the writer may not see is not taken out of groups either.
    await this.peopleRunner.run(id, { authorise: live, decide: (current) => ({ aggregate: current, events: [] }) });
    for (const groupId of await this.groups.idsOfMember(id)) {
      await this.groupRunner.run(groupId, { decide: (group) => (group.deleted ? { aggregate: group, events: [] } : changeGroupMembers(group, [], [id], undefined, actor.by, at)) });
    }
    const { aggregate } = await this.peopleRunner.run(id, { authorise: live, decide: (current) => deletePerson(current, actor.by, at) });
    await this.claims.release(aggregate.userName, id);
  }
}
