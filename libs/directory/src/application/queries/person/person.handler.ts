import { Injectable } from '@nestjs/common';
import { canReadPerson, directoryReadScope, DirectoryError, DirectoryErrorCode } from '../../../domain';
import type { Person } from '../../../domain';
import { PeopleQueries } from '../../ports';
import type { PersonQuery } from './person.query';

/** A person by id; DIRECTORY.PERSON_NOT_FOUND when there is none or the viewer may not see it (no hint that it exists). */
@Injectable()
export class PersonHandler {
  constructor(private readonly people: PeopleQueries) {}

  async execute({ viewer, id }: PersonQuery): Promise<Person> {
    const person = await this.people.byId(id);
    if (person === undefined || !canReadPerson(directoryReadScope(viewer), person)) {
      throw new DirectoryError(DirectoryErrorCode.PersonNotFound, `no person ${id}`, { id });
    }
    return person;
  }
}
