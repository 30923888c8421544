/** The services an incident's CIs affect. */
export class AffectedServicesQuery {
  constructor(readonly ciIds: readonly string[]) {}
}
