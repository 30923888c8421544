/** Makes an incident a child of another (resolving the parent resolves it), or no one's child (`null`). */
export class SetIncidentParentCommand {
  constructor(
    readonly incidentId: string,
    readonly parentId: string | null,
  ) {}
}
