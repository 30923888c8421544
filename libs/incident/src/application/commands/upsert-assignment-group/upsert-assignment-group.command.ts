/** Creates or changes an assignment group of one organisation, with its members. */
export interface UpsertAssignmentGroupCommand {
  readonly id: string;
  readonly name: string;
  readonly orgId: string;
  readonly members: readonly string[];
}
