import type { Clock } from '@itsm/platform/config';
import type { BlackoutWindow, MaintenanceWindow } from '../../domain';
import { BlackoutWindowStore, MaintenanceWindowStore } from '../ports/calendar-stores.port';
import { ConfigurationItems } from '../ports/change-references.port';
import type { CiNeighbours, CiView } from '../ports/change-references.port';

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

/** A CMDB projection of a few CIs and links, for handler tests. */
export class InMemoryConfigurationItems extends ConfigurationItems {
  readonly cis = new Map<string, CiView>();
  readonly links = new Map<string, CiNeighbours>();

  add(id: string, classId: string, options: { service?: boolean; retired?: boolean; name?: string } = {}): this {
    this.cis.set(id, { id, name: options.name ?? id, classId, service: options.service ?? false, retired: options.retired ?? false, attributes: {} });
    return this;
  }

  /** `parent` -> `child` (the parent's relationship targets the child). */
  relate(parent: string, child: string): this {
    const p = this.links.get(parent) ?? { parents: [], children: [] };
    const c = this.links.get(child) ?? { parents: [], children: [] };
    this.links.set(parent, { parents: p.parents, children: [...p.children, child] });
    this.links.set(child, { parents: [...c.parents, parent], children: c.children });
    return this;
  }

  find(ids: readonly string[]): Promise<ReadonlyMap<string, CiView>> {
    return Promise.resolve(new Map(ids.flatMap((id) => (this.cis.has(id) ? [[id, this.cis.get(id) as CiView] as const] : []))));
  }

  neighbours(ids: readonly string[]): Promise<ReadonlyMap<string, CiNeighbours>> {
    return Promise.resolve(new Map(ids.map((id) => [id, this.links.get(id) ?? { parents: [], children: [] }] as const)));
  }
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
