import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { CmdbDataModel, CmdbError, CmdbErrorCode, CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES } from '../domain';
import type { CiClass, DiscoverySource, RelationshipType } from '../domain';
import { DataModelRepository } from '../persistence';
import type { DataModelEntryKind } from '../persistence';

// A discovery record refused against a source's keys as this replica knows them may be signed with a key saved through another replica since the last poll.
const MISS_CODES = new Set<string>([CmdbErrorCode.UnknownClass, CmdbErrorCode.UnknownSource, CmdbErrorCode.UnknownRelationshipType, CmdbErrorCode.DiscoveryNotAuthenticated]);

export type DataModelListener = (dataModel: CmdbDataModel) => void;

/** What use cases read of the data model in force: classes, relationship types, sources. */
export interface DataModelReader {
  current(): CmdbDataModel;
  withDataModel<T>(use: (dataModel: CmdbDataModel) => T | Promise<T>): Promise<T>;
}

/** What the admin use cases change in the data model. */
export interface DataModelWriter extends DataModelReader {
  saveEntry<T extends CiClass | RelationshipType | DiscoverySource>(kind: DataModelEntryKind, entry: T, knownVersion: number, expectedVersion: number, by: string): Promise<T>;
}

/**
 * The classes, relationship types and sources in force, in memory (every write and query reads
 * them), reloaded when the stored revision moves. Admin changes (the save-* handlers) are validated
 * whole against the data model before they are saved here, with the version the admin saw.
 */
@Injectable()
export class CmdbDataModelService implements DataModelWriter {
  private dataModel = new CmdbDataModel(CORE_CLASSES, CORE_RELATIONSHIP_TYPES, CORE_SOURCES);
  private revision: string | undefined;
  private readonly listeners: DataModelListener[] = [];
  private lastMissRefresh = 0;

  constructor(
    @Inject(DataModelRepository) private readonly repository: DataModelRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  current(): CmdbDataModel {
    return this.dataModel;
  }

  /**
   * Runs `use` on the data model; when it names a class, relationship type or source this replica
   * does not know yet (saved through another replica since the last poll), or refuses a discovery
   * record's signature (the source's new key may be such a change), reloads once and runs it again. Reloads on a miss at most once a second, so unknown names cannot flood MongoDB.
   */
  async withDataModel<T>(use: (dataModel: CmdbDataModel) => T | Promise<T>): Promise<T> {
    try {
      return await use(this.dataModel);
    } catch (error) {
      const miss = error instanceof CmdbError && MISS_CODES.has(error.code);
      const now = this.clock.now().getTime();
      if (!miss || now - this.lastMissRefresh < 1_000) throw error;
      this.lastMissRefresh = now;
      if (!(await this.refresh())) throw error;
      return use(this.dataModel);
    }
  }

  onChange(listener: DataModelListener): void {
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
    this.dataModel = new CmdbDataModel(stored.classes, stored.relationshipTypes, stored.sources);
    this.revision = stored.revision;
    for (const listener of this.listeners) listener(this.dataModel);
    return true;
  }

  /**
   * Saves a class, relationship type or source the caller has validated against the data model in
   * force (`knownVersion`: the version this replica holds, 0 when new) and reloads; CMDB.CONFLICT
   * when the admin saw another version or another replica saved it meanwhile.
   */
  async saveEntry<T extends CiClass | RelationshipType | DiscoverySource>(kind: DataModelEntryKind, entry: T, knownVersion: number, expectedVersion: number, by: string): Promise<T> {
    if (knownVersion !== expectedVersion) {
      throw new CmdbError(CmdbErrorCode.Conflict, `${kind} ${entry.id} is at version ${knownVersion}, not ${expectedVersion}: reload and retry`, { id: entry.id, version: knownVersion });
    }
    const saved = await this.repository.save(kind as never, entry as never, expectedVersion, by, this.clock.now());
    if (!saved) throw new CmdbError(CmdbErrorCode.Conflict, `${kind} ${entry.id} changed concurrently: reload and retry`, { id: entry.id });
    await this.refresh();
    return entry;
  }
}
