import type { Clock } from '@itsm/platform/config';
import type { BlackoutWindow, MaintenanceWindow } from '../../domain';
import { BlackoutWindowStore, MaintenanceWindowStore } from '../ports/calendar-stores.port';

class InMemoryRecords<T extends { id: string; version: number }> {
  readonly records = new Map<string, T>();

  insert(record: T): Promise<void> {
    if (this.records.has(record.id)) return Promise.reject(new Error(`duplicate ${record.id}`));
    this.records.set(record.id, record);
    return Promise.resolve();
  }

  replace(record: T, expectedVersion: number): Promise<boolean> {
    if (this.records.get(record.id)?.version !== expectedVersion) return Promise.resolve(false);
    this.records.set(record.id, record);
    return Promise.resolve(true);
  }

  remove(id: string): Promise<boolean> {
    return Promise.resolve(this.records.delete(id));
  }

  byId(id: string): Promise<T | undefined> {
    return Promise.resolve(this.records.get(id));
  }

  all(): Promise<readonly T[]> {
    return Promise.resolve([...this.records.values()]);
  }
}

export class InMemoryMaintenanceWindows extends MaintenanceWindowStore {
  readonly store = new InMemoryRecords<MaintenanceWindow>();
  insert = (w: MaintenanceWindow): Promise<void> => this.store.insert(w);
  replace = (w: MaintenanceWindow, v: number): Promise<boolean> => this.store.replace(w, v);
  remove = (id: string): Promise<boolean> => this.store.remove(id);
  byId = (id: string): Promise<MaintenanceWindow | undefined> => this.store.byId(id);
  all = (): Promise<readonly MaintenanceWindow[]> => this.store.all();
}

export class InMemoryBlackouts extends BlackoutWindowStore {
  readonly store = new InMemoryRecords<BlackoutWindow>();
  insert = (b: BlackoutWindow): Promise<void> => this.store.insert(b);
  replace = (b: BlackoutWindow, v: number): Promise<boolean> => this.store.replace(b, v);
  remove = (id: string): Promise<boolean> => this.store.remove(id);
  byId = (id: string): Promise<BlackoutWindow | undefined> => this.store.byId(id);
  all = (): Promise<readonly BlackoutWindow[]> => this.store.all();
}

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private at: Date) {}

  now(): Date {
    return this.at;
  }

  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}
