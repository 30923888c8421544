/** Remove a relationship (idempotent): the document stays as a tombstone that orders late events. */
export class RemoveRelationshipCommand {
  constructor(
    readonly relationshipId: string,
    readonly by: string,
  ) {}
}
