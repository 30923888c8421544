import { Injectable } from '@nestjs/common';
import { canReadPerson, directoryReadScope } from '../../../domain';
import type { Person } from '../../../domain';
import { PeopleQueries } from '../../ports';
import type { PersonBySubjectQuery } from './person-by-subject.query';

/** The person whose userName the subject is; undefined when unknown or not the viewer's to see (a supplier agent: another organisation's caller). */
@Injectable()
export class PersonBySubjectHandler {
  constructor(private readonly people: PeopleQueries) {}

  async execute({ viewer, subject }: PersonBySubjectQuery): Promise<Person | undefined> {
    const person = await this.people.byUserName(subject);
    return person !== undefined && canReadPerson(directoryReadScope(viewer), person) ? person : undefined;
  }
}
