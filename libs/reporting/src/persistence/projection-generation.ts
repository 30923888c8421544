import type { CollectionIndexes } from '@itsm/platform/persistence';
import type { Connection } from 'mongoose';

/**
 * The generation of the reporting projections' definition. Bump it when what a projection records
 * or how a measure is counted changes (a fact's fields, an attribution rule, a rollup's key): the
 * new generation is rebuilt from the topics, beside the running one, never patched in place.
 * - Its replicas read the streams as their own consumer group (`reporting-service-g<N>`), which
 *   starts at the oldest retained event (the topics keep what reports may cover: deploy/base
 *   kafka-topics.yaml), into their own collections (`<name>_g<N>`) in the context's database.
 * - The replicas of the generation before keep their group and collections and answer until a
 *   rolling update replaces them; a rollback to them finds both as they left them.
 * - On start, a generation drops the collections of generations older than the one before it.
 * The deploy manifests name the group (KafkaUser ACL, KEDA trigger): `npm run validate:deploy`
 * fails until they follow a bump.
 */
export const PROJECTION_GENERATION = 1;

/** The consumer group of a projection generation's replicas. */
export const reportingConsumerGroup = (generation: number): string => `reporting-service-g${generation}`;

/** What a projection repository uses of its connection: its collections. */
export type CollectionSource = Pick<Connection, 'collection'>;

const GENERATION_SUFFIX = /^(reporting_.+)_g(\d+)$/;

export const generationCollection = (name: string, generation: number): string => `${name}_g${generation}`;

/** The connection as a generation's repositories see it: each collection name carries the generation. */
export function generationSource(connection: Connection, generation: number): CollectionSource {
  const collection: CollectionSource['collection'] = (name, options) => connection.collection(generationCollection(name, generation), options);
  return { collection };
}

/** A repository's declared indexes on the generation's collections. */
export const generationIndexes = (indexes: readonly CollectionIndexes[], generation: number): CollectionIndexes[] =>
  indexes.map((declared) => ({ ...declared, collection: generationCollection(declared.collection, generation) }));

/** The projection's collections before generations existed (the first reporting release): dropped like an older generation's. */
const UNVERSIONED = new Set(['reporting_incident_facts', 'reporting_incident_rollups', 'reporting_incident_rollup_days']);

/** The projection collections of generations older than the one before `generation` (and unversioned ones), dropped; their names. */
export async function dropEarlierGenerations(connection: Connection, generation: number): Promise<string[]> {
  const db = connection.db;
  if (db === undefined) throw new Error('reporting: the connection has no database to clean up');
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  const stale = names.filter((name) => {
    const match = GENERATION_SUFFIX.exec(name);
    return UNVERSIONED.has(name) || (match !== null && Number(match[2]) < generation - 1);
  });
  for (const name of stale) await db.dropCollection(name);
  return stale;
}
