import { Injectable } from '@nestjs/common';
import { effectiveRoles } from '../../../domain';
import { GroupQueries } from '../../ports';
import type { PersonRolesQuery } from './person-roles.query';

/** Direct roles first, then those every group of the person grants, each once. */
@Injectable()
export class PersonRolesHandler {
  constructor(private readonly groups: GroupQueries) {}

  async execute({ person }: PersonRolesQuery): Promise<readonly string[]> {
    return effectiveRoles(person, await this.groups.ofPerson(person.id));
  }
}
