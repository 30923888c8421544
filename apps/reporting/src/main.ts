import { startTraced } from '@itsm/platform/observability';

/**
 * The reporting service in microservices mode (Kafka and MongoDB required); `npm start` is the
 * all-in-one. Tracing (OTEL_* variables) starts first: the service loads after it, instrumented.
 */
startTraced('reporting', async () => {
  const { runService } = await import('@itsm/platform/service');
  const { reportingContext } = await import('@itsm/reporting');
  await runService(reportingContext);
});
