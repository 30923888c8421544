import { startTraced } from '@itsm/platform/observability';

/**
 * The change service in microservices mode (Kafka and MongoDB required); `npm start` is the
 * all-in-one. Tracing (OTEL_* variables) starts first: the service loads after it, instrumented.
 */
startTraced('change', async () => {
  const { runService } = await import('@itsm/platform/service');
  const { changeContext } = await import('@itsm/change');
  await runService(changeContext);
});
