import { startTraced } from '@itsm/platform/observability';

/**
 * The directory service in microservices mode (Kafka and MongoDB required); `npm start` is the
 * all-in-one. Tracing (OTEL_* variables) starts first: the service loads after it, instrumented.
 */
startTraced('directory', async () => {
  const { runService } = await import('@itsm/platform/service');
  const { directoryContext } = await import('@itsm/directory');
  await runService(directoryContext);
});
