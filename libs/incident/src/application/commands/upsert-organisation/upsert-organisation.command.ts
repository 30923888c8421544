import type { OrganisationKind } from '../../../persistence/reference-data.repository';

/** Creates or renames an organisation: the service integrator, a customer or a supplier. */
export interface UpsertOrganisationCommand {
  readonly id: string;
  readonly name: string;
  readonly kind: OrganisationKind;
}
