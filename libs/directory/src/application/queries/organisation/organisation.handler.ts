import { Injectable } from '@nestjs/common';
import { canReadOrganisation, directoryReadScope, DirectoryError, DirectoryErrorCode } from '../../../domain';
import type { Organisation } from '../../../domain';
import { OrganisationQueries } from '../../ports';
import type { OrganisationQuery } from './organisation.query';

/** An organisation by id; DIRECTORY.ORGANISATION_NOT_FOUND when there is none or the viewer may not see it. */
@Injectable()
export class OrganisationHandler {
  constructor(private readonly organisations: OrganisationQueries) {}

  async execute({ viewer, id }: OrganisationQuery): Promise<Organisation> {
    const organisation = await this.organisations.byId(id);
    if (organisation === undefined || !canReadOrganisation(directoryReadScope(viewer), organisation)) {
      throw new DirectoryError(DirectoryErrorCode.OrganisationNotFound, `no organisation ${id}`, { id });
    }
    return organisation;
  }
}
