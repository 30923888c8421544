import type { MaintenanceWindowSpec } from '../../../domain';

/** An admin defines a recurring maintenance window for a CI, a service or a CI class. */
export class DefineMaintenanceWindowCommand {
  constructor(readonly window: MaintenanceWindowSpec) {}
}
