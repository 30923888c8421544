/** Relate two active CIs with a typed relationship (idempotent); `source` is who asserts it. */
export class AddRelationshipCommand {
  constructor(
    readonly typeId: string,
    readonly sourceId: string,
    readonly targetId: string,
    readonly by: string,
    readonly source = 'manual',
  ) {}
}
