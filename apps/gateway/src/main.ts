import { envSchema, httpEnv, KafkaEnv, loadConfig, toHttpSettings } from '@itsm/platform/config';
import { PINO_LOGGER, PinoNestLogger, startTraced } from '@itsm/platform/observability';

/**
 * The gateway process. Tracing (OTEL_* variables) starts first: the gateway (Apollo, graphql,
 * express) loads after it, instrumented. A bad variable exits 78 naming it, a failed start 1.
 */
startTraced('gateway', async () => {
  const { createGatewayApp, GATEWAY_DEFAULT_PORT, GatewayEnv, kafkaLiveEvents, toGatewaySettings } = await import('@itsm/gateway');
  const { AuthEnv } = await import('@itsm/platform/auth');
  const { closeOnSignal } = await import('@itsm/platform/service');
  const env = loadConfig(envSchema(httpEnv(GATEWAY_DEFAULT_PORT), AuthEnv, GatewayEnv, KafkaEnv));
  const http = toHttpSettings(env);
  // Subscriptions follow the contexts' topics when KAFKA_BROKERS is set (each replica in its own consumer group).
  const liveEvents = kafkaLiveEvents(env);
  const app = await createGatewayApp({ ...toGatewaySettings(env), ...(liveEvents ? { liveEvents } : {}) }, { port: http.port, host: '0.0.0.0', logLevel: http.logLevel, shutdownHooks: false });
  closeOnSignal('gateway app', () => app.close(), app.get(PINO_LOGGER));
  app.get(PinoNestLogger).log(`gateway listening on ${await app.getUrl()}/graphql`, 'Bootstrap');
});
