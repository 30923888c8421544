import { AuthEnv, toAuthSettings } from '@itsm/platform/auth';
import { envSchema, httpEnv, KafkaEnv, loadConfigOrExit, MongoEnv, requireOrExit, toHttpSettings, toKafkaConsumerTiming, toKafkaSettings } from '@itsm/platform/config';
import { CmdbEnv, startCmdbService, toCmdbSettings } from '@itsm/cmdb';
import { hostname } from 'node:os';

/** The CMDB service in microservices mode: Kafka and MongoDB are required. */
async function main(): Promise<void> {
  const env = loadConfigOrExit(envSchema(httpEnv(4103), KafkaEnv, MongoEnv, AuthEnv, CmdbEnv));
  requireOrExit(env, ['KAFKA_BROKERS', 'MONGO_URL'], 'the CMDB service runs on Kafka and MongoDB; `npm start` is the all-in-one mode');
  const http = toHttpSettings(env);
  const kafka = toKafkaSettings(env);
  await startCmdbService(
    {
      nodeEnv: http.nodeEnv,
      logLevel: http.logLevel,
      mongo: { url: env.MONGO_URL ?? '', dbPrefix: env.MONGO_DB_PREFIX },
      auth: toAuthSettings(env, http.nodeEnv),
      cmdb: toCmdbSettings(env, hostname()),
      seedDemoData: env.CMDB_SEED_DEMO_DATA,
      kafka: { ...kafka, brokers: kafka.brokers ?? [] },
      consumer: toKafkaConsumerTiming(env),
    },
    { port: http.port },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`CMDB service failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
