import { startTraced } from '@itsm/platform/observability';

/**
 * The incident service in microservices mode (Kafka and MongoDB required); `npm start` is the
 * all-in-one. Tracing (OTEL_* variables) starts first: the service loads after it, instrumented.
 */
startTraced('incident', async () => {
  const { runService } = await import('@itsm/platform/service');
  const { incidentContext } = await import('@itsm/incident');
  await runService(incidentContext);
});
