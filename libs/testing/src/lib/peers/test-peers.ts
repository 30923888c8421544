/**
 * What the integration tests' global setup started, handed to the test files through environment
 * variables (jest starts its workers after the global setup, so they inherit them).
 */
export interface TestPeers {
  readonly kafkaBrokers: string[];
  readonly mongoUrl: string;
  /** A real MongoDB server: tests needing secondary unique indexes or rollback may run. */
  readonly realMongo: boolean;
  /** Where the run's processes record their query shapes (the index check reads it). */
  readonly queryShapesDir: string | undefined;
}

export const PEERS_ENV = {
  kafka: 'ITSM_TEST_KAFKA_BROKERS',
  mongo: 'ITSM_TEST_MONGO_URL',
  realMongo: 'ITSM_TEST_MONGO_REAL',
  /** The directory where every process of the run records its query shapes (the index check reads it). */
  queryShapes: 'ITSM_TEST_QUERY_SHAPES_DIR',
} as const;

export function testPeers(): TestPeers {
  const kafka = process.env[PEERS_ENV.kafka];
  const mongo = process.env[PEERS_ENV.mongo];
  if (kafka === undefined || mongo === undefined) {
    throw new Error('test peers are not running: run integration tests with `npm run test:int` (jest.int.config.ts)');
  }
  return { kafkaBrokers: kafka.split(','), mongoUrl: mongo, realMongo: process.env[PEERS_ENV.realMongo] === 'true', queryShapesDir: process.env[PEERS_ENV.queryShapes] };
}
