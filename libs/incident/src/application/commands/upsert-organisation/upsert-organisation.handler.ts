import { Injectable } from '@nestjs/common';
import type { Viewer } from '../../../domain';
import type { Organisation } from '../../../persistence/reference-data.repository';
import { Organisations } from '../../ports/reference-data.port';
import { REFERENCE_KEY, requireAdmin, requireName, requireValid } from '../../reference-data-rules';
import type { UpsertOrganisationCommand } from './upsert-organisation.command';

@Injectable()
export class UpsertOrganisationHandler {
  constructor(private readonly organisations: Organisations) {}

  async execute(viewer: Viewer, command: UpsertOrganisationCommand): Promise<Organisation> {
    requireAdmin(viewer);
    requireValid(REFERENCE_KEY.test(command.id), 'id', 'an organisation id is 2-63 lower-case letters, digits or -');
    const organisation = { id: command.id, name: requireName(command.name), kind: command.kind };
    await this.organisations.upsertOrganisation(organisation);
    return organisation;
  }
}
