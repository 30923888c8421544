import type { MaintenanceWindowSpec } from '../../../domain';

/** An admin changes a maintenance window (optimistic: the version they read). */
export class RedefineMaintenanceWindowCommand {
  constructor(
    readonly id: string,
    readonly expectedVersion: number,
    readonly window: MaintenanceWindowSpec,
  ) {}
}
