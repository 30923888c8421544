import { collectionIndexes } from '@itsm/platform/persistence';
import type { Connection } from 'mongoose';
import type { BlackoutWindow, MaintenanceWindow, WindowScope } from '../domain';
import { BlackoutWindowStore, MaintenanceWindowStore } from '../application/ports/calendar-stores.port';
import type { RecordDocument } from './versioned-records';
import { VersionedRecords } from './versioned-records';

export const MAINTENANCE_WINDOWS = 'change_maintenance_windows';
export const BLACKOUT_WINDOWS = 'change_blackout_windows';

interface MaintenanceWindowDocument extends RecordDocument {
  name: string;
  scope: WindowScope;
  targetId: string;
  rrule: string;
  firstStart: string;
  durationMinutes: number;
  timeZone: string;
  createdAt: Date;
  updatedAt: Date;
}

interface BlackoutWindowDocument extends RecordDocument {
  name: string;
  reason: string;
  serviceIds: string[];
  start: Date;
  end: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** Maintenance windows (thousands at most): by `_id`, or all of them for the replica's calendar. */
export class MaintenanceWindowRepository extends MaintenanceWindowStore {
  static readonly indexes = [collectionIndexes(MAINTENANCE_WINDOWS, [], [{ shape: 'find {}', reason: 'all: the calendar holds every maintenance window in memory (loaded at start and every 30 s)' }])];

  private readonly records: VersionedRecords<MaintenanceWindow, MaintenanceWindowDocument>;

  constructor(connection: Connection) {
    super();
    this.records = new VersionedRecords(connection, MAINTENANCE_WINDOWS, {
      toDocument: ({ id: _id, ...w }) => ({ ...w }),
      toDomain: (d) => ({
        id: d._id.toHexString(), name: d.name, scope: d.scope, targetId: d.targetId, rrule: d.rrule, firstStart: d.firstStart,
        durationMinutes: d.durationMinutes, timeZone: d.timeZone, createdAt: d.createdAt, updatedAt: d.updatedAt, version: d.version,
      }),
    });
  }

  insert(window: MaintenanceWindow): Promise<void> {
    return this.records.insert(window);
  }

  replace(window: MaintenanceWindow, expectedVersion: number): Promise<boolean> {
    return this.records.replace(window, expectedVersion);
  }

  remove(id: string): Promise<boolean> {
    return this.records.remove(id);
  }

  byId(id: string): Promise<MaintenanceWindow | undefined> {
    return this.records.byId(id);
  }

  all(): Promise<readonly MaintenanceWindow[]> {
    return this.records.all();
  }
}

/** Blackouts (tens): by `_id`, or all of them for every schedule check. */
export class BlackoutWindowRepository extends BlackoutWindowStore {
  static readonly indexes = [collectionIndexes(BLACKOUT_WINDOWS, [], [{ shape: 'find {}', reason: 'all: every schedule check reads the blackouts (tens at most)' }])];

  private readonly records: VersionedRecords<BlackoutWindow, BlackoutWindowDocument>;

  constructor(connection: Connection) {
    super();
    this.records = new VersionedRecords(connection, BLACKOUT_WINDOWS, {
      toDocument: ({ id: _id, ...b }) => ({ ...b, serviceIds: [...b.serviceIds] }),
      toDomain: (d) => ({ id: d._id.toHexString(), name: d.name, reason: d.reason, serviceIds: d.serviceIds, start: d.start, end: d.end, createdAt: d.createdAt, updatedAt: d.updatedAt, version: d.version }),
    });
  }

  insert(blackout: BlackoutWindow): Promise<void> {
    return this.records.insert(blackout);
  }

  replace(blackout: BlackoutWindow, expectedVersion: number): Promise<boolean> {
    return this.records.replace(blackout, expectedVersion);
  }

  remove(id: string): Promise<boolean> {
    return this.records.remove(id);
  }

  byId(id: string): Promise<BlackoutWindow | undefined> {
    return this.records.byId(id);
  }

  all(): Promise<readonly BlackoutWindow[]> {
    return this.records.all();
  }
}
