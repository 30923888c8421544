import { Clock } from '@itsm/platform/config';
import { PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { createPerson, DirectoryError, DirectoryErrorCode, normalisePerson, organisationForWriter, personOf } from '../../../domain';
import type { Person } from '../../../domain';
import { personIdFor } from '../../directory-ids';
import { DirectoryReferences } from '../../directory-references.service';
import { PERSON_STORE } from '../../ports/directory-stores.port';
import type { PersonStore } from '../../ports/directory-stores.port';
import { UserNameClaims } from '../../user-name-claims.service';
import type { CreatePersonCommand } from './create-person.command';

/**
 * Creates a person: attributes checked, the writer's organisation applied, references checked, the
 * userName claimed, then the person written with person-created. DIRECTORY.UNIQUENESS when the
 * userName (case-insensitive) or the chosen id is taken (a deleted person's id too).
 */
@Injectable()
export class CreatePersonHandler {
  constructor(
    @Inject(PERSON_STORE) private readonly people: PersonStore,
    @Inject(UserNameClaims) private readonly claims: UserNameClaims,
    @Inject(DirectoryReferences) private readonly references: DirectoryReferences,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ actor, person: input, id: chosen }: CreatePersonCommand): Promise<Person> {
    const id = personIdFor(chosen);
    const normalised = normalisePerson(input, id);
    const attributes = { ...normalised, organisationId: organisationForWriter(actor.organisationId, normalised.organisationId) };
    await this.references.requireOrganisation(attributes.organisationId);
    if (attributes.managerId !== null) await this.references.requirePeople([attributes.managerId], actor.organisationId, 'managerId');
    const at = this.clock.now();
    await this.claims.take(attributes.userName, id, at);
    const { aggregate, events } = createPerson(id, attributes, actor.by, at);
    try {
      await this.people.create(aggregate, events);
    } catch (error) {
      await this.claims.release(attributes.userName, id);
      if (error instanceof PersistenceError && error.code === PersistenceErrorCode.AlreadyExists) throw new DirectoryError(DirectoryErrorCode.Uniqueness, `the id ${id} is taken`, { field: 'id' });
      throw error;
    }
    return personOf(aggregate);
  }
}
