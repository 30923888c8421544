import { notificationTopic } from '@itsm/contracts';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractSizedTopics, startKafkaPeer } from './kafka-peer';
import { startMongoPeer } from './mongo-peer';
import { PEERS_ENV } from './test-peers';

/** Jest global setup: the Kafka and MongoDB peers, once per test run, and the run's query-shapes directory. */
export default async function globalSetup(): Promise<void> {
  // Topics are auto-created with 4 partitions; one whose key placement a context computes from the contract's partition count
  // (escalation timers: keyPartition over itsm.notification.v1's 12) is created with that count, as deploy/ creates it.
  const topics = contractSizedTopics(notificationTopic);
  const [kafka, mongo] = await Promise.all([startKafkaPeer({ topics }), startMongoPeer(process.env['MONGO_URL'])]);
  process.env[PEERS_ENV.kafka] = kafka.brokers.join(',');
  process.env[PEERS_ENV.mongo] = mongo.url;
  process.env[PEERS_ENV.realMongo] = String(mongo.real);
  const shapes = mkdtempSync(join(tmpdir(), 'itsm-query-shapes-'));
  process.env[PEERS_ENV.queryShapes] = shapes;
  const shapesDir = { stop: () => rm(shapes, { recursive: true, force: true }) };
  (globalThis as { __ITSM_PEERS__?: unknown }).__ITSM_PEERS__ = [kafka, mongo, shapesDir];
}
