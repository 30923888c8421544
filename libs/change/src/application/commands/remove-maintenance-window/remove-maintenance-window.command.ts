/** An admin removes a maintenance window. */
export class RemoveMaintenanceWindowCommand {
  constructor(readonly id: string) {}
}
