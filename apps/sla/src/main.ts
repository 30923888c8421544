import { AuthEnv, toAuthSettings } from '@itsm/platform/auth';
import { envSchema, httpEnv, KafkaEnv, loadConfigOrExit, MongoEnv, requireOrExit, toHttpSettings, toKafkaConsumerTiming, toKafkaSettings } from '@itsm/platform/config';
import { SlaEnv, startSlaService, toSlaSettings } from '@itsm/sla';

/** The SLA service in microservices mode: Kafka and MongoDB are required. */
async function main(): Promise<void> {
  const env = loadConfigOrExit(envSchema(httpEnv(4104), KafkaEnv, MongoEnv, AuthEnv, SlaEnv));
  requireOrExit(env, ['KAFKA_BROKERS', 'MONGO_URL'], 'the SLA service runs on Kafka and MongoDB; `npm start` is the all-in-one mode');
  const http = toHttpSettings(env);
  const kafka = toKafkaSettings(env);
  await startSlaService(
    {
      nodeEnv: http.nodeEnv,
      logLevel: http.logLevel,
      mongo: { url: env.MONGO_URL ?? '', dbPrefix: env.MONGO_DB_PREFIX },
      auth: toAuthSettings(env, http.nodeEnv),
      sla: toSlaSettings(env),
      seedDemoCatalog: env.SLA_SEED_DEMO_CATALOG,
      kafka: { ...kafka, brokers: kafka.brokers ?? [] },
      consumer: toKafkaConsumerTiming(env),
    },
    { port: http.port },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`SLA service failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
