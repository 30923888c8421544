import { startKafkaPeer } from './kafka-peer';
import { startMongoPeer } from './mongo-peer';
import { PEERS_ENV } from './test-peers';

/** Jest global setup: the Kafka and MongoDB peers, once per test run. */
export default async function globalSetup(): Promise<void> {
  const [kafka, mongo] = await Promise.all([startKafkaPeer(), startMongoPeer(process.env['MONGO_URL'])]);
  process.env[PEERS_ENV.kafka] = kafka.brokers.join(',');
  process.env[PEERS_ENV.mongo] = mongo.url;
  process.env[PEERS_ENV.realMongo] = String(mongo.real);
  (globalThis as { __ITSM_PEERS__?: unknown }).__ITSM_PEERS__ = [kafka, mongo];
}
