import type { DirectoryActor } from '../../directory-inputs';
import type { Organisation } from '../../../domain';

/** Create or update an organisation (admin, demo data). */
export class SaveOrganisationCommand {
  constructor(
    readonly actor: DirectoryActor,
    readonly organisation: Organisation,
  ) {}
}
