import { Injectable } from '@nestjs/common';
import { CreatePersonCommand, CreatePersonHandler, DeletePersonCommand, DeletePersonHandler, ReplacePersonCommand, ReplacePersonHandler } from '../application/commands';
import { PeopleQueries } from '../application/ports';
import type { Found } from '../application/ports';
import { DirectoryError, DirectoryErrorCode } from '../domain';
import type { Person, ProvisioningClient } from '../domain';
import { ScimError } from './scim.errors';
import { personCriterion } from './scim-filter.mapper';
import type { ScimPage } from './scim-list';
import { expectedVersion } from './scim-meta';
import { readPatchRequest } from './scim-patch-request';
import { SCIM_USER_SCHEMAS } from './scim-schemas';
import { actorOf, canSee, scopeOf } from './scim-scope';
import { patchPerson } from './scim-user-patch';
import { personInputFromScim } from './scim-user.mapper';
import type { PersonKeptFacts } from './scim-user.mapper';

/** Attempts of a PATCH without If-Match whose read-modify-write lost a race (it re-reads and re-applies). */
const PATCH_ATTEMPTS = 3;

/** The /Users use cases: SCIM bodies checked and mapped, then the directory's commands and queries, in the client's scope. */
@Injectable()
export class ScimUsersService {
  constructor(
    private readonly people: PeopleQueries,
    private readonly createPerson: CreatePersonHandler,
    private readonly replacePerson: ReplacePersonHandler,
    private readonly deletePerson: DeletePersonHandler,
  ) {}

  async create(client: ProvisioningClient, body: unknown): Promise<Person> {
    const input = personInputFromScim(body, { chatHandle: null, organisationId: client.organisationId, roles: [] });
    return this.createPerson.execute(new CreatePersonCommand(actorOf(client), input));
  }

  /** The person, when the client sees it (404 otherwise, as if absent). */
  async get(client: ProvisioningClient, id: string): Promise<Person> {
    const person = await this.people.byId(id);
    if (person === undefined || !canSee(client, person)) throw new ScimError(404, undefined, `No User "${id}".`);
    return person;
  }

  async list(client: ProvisioningClient, filter: string | undefined, page: ScimPage): Promise<Found<Person>> {
    return this.people.find(personCriterion(filter), { offset: page.startIndex - 1, limit: page.count }, scopeOf(client));
  }

  /** PUT (Okta's update): the whole User replaces the person; what SCIM does not carry stays. */
  async replace(client: ProvisioningClient, id: string, body: unknown, ifMatch: string | undefined): Promise<Person> {
    const expected = expectedVersion(ifMatch);
    const current = await this.get(client, id);
    requireVersion(current, expected);
    return this.replacePerson.execute(new ReplacePersonCommand(actorOf(client), id, personInputFromScim(body, keptOf(current)), expected));
  }

  /**
   * PATCH: every operation checked and applied to the current User, saved as one replace at the
   * version read. With If-Match a lost race is 412; without, the PATCH is re-applied to a fresh read.
   */
  async patch(client: ProvisioningClient, id: string, body: unknown, ifMatch: string | undefined, baseUrl: string): Promise<Person> {
    const operations = readPatchRequest(body, SCIM_USER_SCHEMAS);
    const expected = expectedVersion(ifMatch);
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.get(client, id);
      requireVersion(current, expected);
      const input = patchPerson(current, operations, keptOf(current), baseUrl);
      try {
        return await this.replacePerson.execute(new ReplacePersonCommand(actorOf(client), id, input, current.version));
      } catch (error) {
        const lostRace = error instanceof DirectoryError && error.code === DirectoryErrorCode.Conflict;
        if (!lostRace || expected !== undefined || attempt >= PATCH_ATTEMPTS) throw error;
      }
    }
  }

  async delete(client: ProvisioningClient, id: string, ifMatch: string | undefined): Promise<void> {
    requireVersion(await this.get(client, id), expectedVersion(ifMatch));
    await this.deletePerson.execute(new DeletePersonCommand(actorOf(client), id));
  }
}

function keptOf(person: Person): PersonKeptFacts {
  return { chatHandle: person.chatHandle, organisationId: person.organisationId, roles: person.roles };
}

/** If-Match against the version read: 412 before anything is computed. */
export function requireVersion(record: { readonly version: number }, expected: number | undefined): void {
  if (expected !== undefined && expected !== record.version) {
    throw new ScimError(412, undefined, `The resource is at version ${record.version}, not ${expected}.`);
  }
}
