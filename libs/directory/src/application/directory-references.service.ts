import { Inject, Injectable } from '@nestjs/common';
import { DirectoryError, DirectoryErrorCode, withinScope } from '../domain';
import { ORGANISATION_STORE, PERSON_STORE } from './ports/directory-stores.port';
import type { OrganisationStore, PersonStore } from './ports/directory-stores.port';

const LOOKUP_CHUNK = 1_000;

/**
 * What a person or group may refer to: an existing organisation, live people (a manager, members),
 * within the writer's organisation when it is bound to one (another organisation's people are
 * answered as not found, so they do not leak).
 */
@Injectable()
export class DirectoryReferences {
  constructor(
    @Inject(ORGANISATION_STORE) private readonly organisations: OrganisationStore,
    @Inject(PERSON_STORE) private readonly people: PersonStore,
  ) {}

  /** DIRECTORY.ORGANISATION_NOT_FOUND unless the organisation exists (null: none to check). */
  async requireOrganisation(organisationId: string | null, field = 'organisationId'): Promise<void> {
    if (organisationId === null) return;
    if ((await this.organisations.load(organisationId)) === undefined) throw new DirectoryError(DirectoryErrorCode.OrganisationNotFound, `no organisation ${organisationId}`, { field, organisationId });
  }

  /** DIRECTORY.PERSON_NOT_FOUND naming the first of `ids` that is no live person the writer may see. */
  async requirePeople(ids: readonly string[], actorOrganisationId: string | undefined, field: string): Promise<void> {
    for (let start = 0; start < ids.length; start += LOOKUP_CHUNK) {
      const chunk = ids.slice(start, start + LOOKUP_CHUNK);
      const found = new Set((await this.people.existing(chunk)).filter((person) => withinScope(actorOrganisationId, person.organisationId)).map((person) => person.id));
      const missing = chunk.find((id) => !found.has(id));
      if (missing !== undefined) throw new DirectoryError(DirectoryErrorCode.PersonNotFound, `no person ${missing}`, { field, personId: missing });
    }
  }
}
