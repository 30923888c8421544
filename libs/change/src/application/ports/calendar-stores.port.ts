import type { BlackoutWindow, MaintenanceWindow } from '../../domain';

/*
 * The change calendar's admin records (no events: they are configuration the context reads itself).
 * Handlers depend on these; the module binds them to the Mongo repositories, unit tests to fakes.
 */

export abstract class MaintenanceWindowStore {
  abstract insert(window: MaintenanceWindow): Promise<void>;
  /** Replaces the window when its stored version is `expectedVersion`; false when not (or gone). */
  abstract replace(window: MaintenanceWindow, expectedVersion: number): Promise<boolean>;
  /** False when there was none. */
  abstract remove(id: string): Promise<boolean>;
  abstract byId(id: string): Promise<MaintenanceWindow | undefined>;
  /** Every window (thousands at most: the calendar holds them all in memory). */
  abstract all(): Promise<readonly MaintenanceWindow[]>;
}

export abstract class BlackoutWindowStore {
  abstract insert(blackout: BlackoutWindow): Promise<void>;
  abstract replace(blackout: BlackoutWindow, expectedVersion: number): Promise<boolean>;
  abstract remove(id: string): Promise<boolean>;
  abstract byId(id: string): Promise<BlackoutWindow | undefined>;
  abstract all(): Promise<readonly BlackoutWindow[]>;
}
