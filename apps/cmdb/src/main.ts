import { startTraced } from '@itsm/platform/observability';

/**
 * The CMDB service in microservices mode (Kafka and MongoDB required); `npm start` is the
 * all-in-one. Tracing (OTEL_* variables) starts first: the service loads after it, instrumented.
 */
startTraced('cmdb', async () => {
  const { runService } = await import('@itsm/platform/service');
  const { cmdbContext } = await import('@itsm/cmdb');
  await runService(cmdbContext);
});
