export const CMDB_CONNECTION = Symbol('CMDB_CONNECTION');
export const CMDB_SETTINGS = Symbol('CMDB_SETTINGS');

export interface CmdbSettings {
  /** Names this replica's impact-index consumer group: every replica reads every CMDB event. */
  readonly instanceId: string;
  /** The deepest impact walk a caller may ask for. */
  readonly impactMaxDepth: number;
  /** How often a replica checks the data model for changes made through another replica. */
  readonly dataModelPollMs?: number;
  /** How far a discovery feed record's signature timestamp may be from the consumer's clock, either way (the feed's replay window). */
  readonly discoveryToleranceSeconds?: number;
}

/** A consumer a few minutes behind must not refuse its backlog; a replay past this window fails the timestamp check. */
export const DEFAULT_DISCOVERY_TOLERANCE_SECONDS = 15 * 60;

export const CMDB_INDEX_GROUP_PREFIX = 'cmdb-index-';
