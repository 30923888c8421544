import type { Person } from '../../../domain';

/** A person's effective roles: granted directly and through its groups. */
export class PersonRolesQuery {
  constructor(readonly person: Pick<Person, 'id' | 'roles'>) {}
}
