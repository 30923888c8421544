import { startTraced } from '@itsm/platform/observability';

/**
 * The catalogue service in microservices mode (Kafka and MongoDB required); `npm start` is the
 * all-in-one. Tracing (OTEL_* variables) starts first: the service loads after it, instrumented.
 */
startTraced('catalogue', async () => {
  const { runService } = await import('@itsm/platform/service');
  const { catalogueContext } = await import('@itsm/catalogue');
  await runService(catalogueContext);
});
