import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { CmdbCatalog, CmdbError, CmdbErrorCode, CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES } from '../domain';
import type { CiClass, DiscoverySource, RelationshipType } from '../domain';
import { CatalogRepository } from '../persistence';
import type { CatalogKind } from '../persistence';

const MISS_CODES = new Set<string>([CmdbErrorCode.UnknownClass, CmdbErrorCode.UnknownSource, CmdbErrorCode.UnknownRelationshipType]);

export type CatalogListener = (catalog: CmdbCatalog) => void;

/** What use cases read of the data model in force: classes, relationship types, sources. */
export interface SchemaReader {
  current(): CmdbCatalog;
  withCatalog<T>(use: (catalog: CmdbCatalog) => T | Promise<T>): Promise<T>;
}

/** What the admin use cases change in the data model. */
export interface SchemaWriter extends SchemaReader {
  saveEntry<T extends CiClass | RelationshipType | DiscoverySource>(kind: CatalogKind, entry: T, knownVersion: number, expectedVersion: number, by: string): Promise<T>;
}

/**
 * The classes, relationship types and sources in force, in memory (every write and query reads
 * them), reloaded when the stored revision moves. Admin changes (the save-* handlers) are validated
 * whole against the catalogue before they are saved here, with the version the admin saw.
 */
@Injectable()
export class CmdbCatalogService implements SchemaWriter {
  private catalog = new CmdbCatalog(CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES);
  private revision: string | undefined;
  private readonly listeners: CatalogListener[] = [];
  private lastMissRefresh = 0;

  constructor(
    @Inject(CatalogRepository) private readonly repository: CatalogRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  current(): CmdbCatalog {
    return this.catalog;
  }

  /**
   * Runs `use` on the catalogue; when it names a class, relationship type or source this replica
   * does not know yet (saved through another replica since the last poll), reloads once and runs
   * it again. Reloads on a miss at most once a second, so unknown names cannot flood MongoDB.
   */
  async withCatalog<T>(use: (catalog: CmdbCatalog) => T | Promise<T>): Promise<T> {
    try {
      return await use(this.catalog);
    } catch (error) {
      const miss = error instanceof CmdbError && MISS_CODES.has(error.code);
      const now = this.clock.now().getTime();
      if (!miss || now - this.lastMissRefresh < 1_000) throw error;
      this.lastMissRefresh = now;
      if (!(await this.refresh())) throw error;
      return use(this.catalog);
    }
  }

  onChange(listener: CatalogListener): void {
    this.listeners.push(listener);
  }

  /** Writes the core library entries that are missing (every replica may do it at once). */
  async seedCore(): Promise<void> {
    const at = this.clock.now();
    for (const cls of CORE_CLASSES) await this.repository.seed('class', cls, at);
    for (const type of CORE_RELATIONSHIP_TYPES) await this.repository.seed('relationship_type', type, at);
    for (const source of CORE_SOURCES) await this.repository.seed('source', source, at);
  }

  /** Reloads when the stored revision differs; answers whether it did. */
  async refresh(): Promise<boolean> {
    const stored = await this.repository.load();
    if (stored.revision === this.revision) return false;
    this.catalog = new CmdbCatalog(stored.classes, stored.relationshipTypes, stored.sources);
    this.revision = stored.revision;
    for (const listener of this.listeners) listener(this.catalog);
    return true;
  }

  /**
   * Saves a class, relationship type or source the caller has validated against the data model in
   * force (`knownVersion`: the version this replica holds, 0 when new) and reloads; CMDB.CONFLICT
   * when the admin saw another version or another replica saved it meanwhile.
   */
  async saveEntry<T extends CiClass | RelationshipType | DiscoverySource>(kind: CatalogKind, entry: T, knownVersion: number, expectedVersion: number, by: string): Promise<T> {
    if (knownVersion !== expectedVersion) {
      throw new CmdbError(CmdbErrorCode.Conflict, `${kind} ${entry.id} is at version ${knownVersion}, not ${expectedVersion}: reload and retry`, { id: entry.id, version: knownVersion });
    }
    const saved = await this.repository.save(kind as never, entry as never, expectedVersion, by, this.clock.now());
    if (!saved) throw new CmdbError(CmdbErrorCode.Conflict, `${kind} ${entry.id} changed concurrently: reload and retry`, { id: entry.id });
    await this.refresh();
    return entry;
  }
}
