import type { TimeWindow } from '../../domain/change.model';

/**
 * Whether CIs' maintenance windows cover a planned window: the calendar's answer, used by the risk
 * rule `outside_maintenance_window`. The calendar binds it (its maintenance windows per CI, service
 * and CI class); a CI without any window is never "outside".
 */
export abstract class MaintenanceCoverage {
  /** The CIs among `ciIds` that have maintenance windows none of which covers `window`. */
  abstract outside(ciIds: readonly string[], window: TimeWindow): Promise<string[]>;
}
