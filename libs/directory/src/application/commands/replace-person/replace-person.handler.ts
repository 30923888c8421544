import { Clock } from '@itsm/platform/config';
import { PersistenceError, PersistenceErrorCode, retryOnConflict } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { normalisePerson, organisationForWriter, personOf, replacePerson, userNameKey, withinScope } from '../../../domain';
import type { Person, PersonAttributes, PersonRecord } from '../../../domain';
import { checkExpectedVersion, personErrors } from '../../directory-command.errors';
import { DirectoryReferences } from '../../directory-references.service';
import { PERSON_STORE } from '../../ports/directory-stores.port';
import type { PersonStore } from '../../ports/directory-stores.port';
import { UserNameClaims } from '../../user-name-claims.service';
import type { ReplacePersonCommand } from './replace-person.command';

/**
 * Replaces a person's attributes (SCIM PUT, PATCH applied, the admin's update, deactivate and
 * reactivate). A new userName is claimed before the write and the old one given back after it.
 * DIRECTORY.PERSON_NOT_FOUND for a deleted person or one outside the writer's organisation.
 */
@Injectable()
export class ReplacePersonHandler {
  constructor(
    @Inject(PERSON_STORE) private readonly people: PersonStore,
    @Inject(UserNameClaims) private readonly claims: UserNameClaims,
    @Inject(DirectoryReferences) private readonly references: DirectoryReferences,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(command: ReplacePersonCommand): Promise<Person> {
    return await retryOnConflict(() => this.attempt(command), () => personErrors.conflict(command.id));
  }

  private async attempt({ actor, id, person: input, expectedVersion }: ReplacePersonCommand): Promise<Person> {
    const loaded = await this.people.load(id);
    const current = loaded?.aggregate;
    if (loaded === undefined || current === undefined || current.deleted || !withinScope(actor.organisationId, current.organisationId)) throw personErrors.notFound(id);
    checkExpectedVersion(expectedVersion, current.version, 'person');
    const attributes = await this.checked(input, current, actor.organisationId);
    const at = this.clock.now();
    const { aggregate, events } = replacePerson(current, attributes, actor.by, at);
    if (events.length === 0) return personOf(current);
    const renamed = userNameKey(current.userName) !== userNameKey(aggregate.userName);
    if (renamed) await this.claims.take(aggregate.userName, id, at);
    try {
      await this.people.save(loaded, aggregate, events);
    } catch (error) {
      // A lost race keeps the new claim for the retry; any other failure gives it back.
      if (renamed && !(error instanceof PersistenceError && error.code === PersistenceErrorCode.Conflict)) await this.claims.release(aggregate.userName, id);
      throw error;
    }
    if (renamed) await this.claims.release(current.userName, id);
    return personOf(aggregate);
  }

  private async checked(input: PersonAttributes, current: PersonRecord, actorOrganisationId: string | undefined): Promise<PersonAttributes> {
    const normalised = normalisePerson(input, current.id);
    const organisationId = organisationForWriter(actorOrganisationId, normalised.organisationId);
    if (organisationId !== current.organisationId) await this.references.requireOrganisation(organisationId);
    if (normalised.managerId !== null && normalised.managerId !== current.managerId) await this.references.requirePeople([normalised.managerId], actorOrganisationId, 'managerId');
    return { ...normalised, organisationId };
  }
}
