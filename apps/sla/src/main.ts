import { startTraced } from '@itsm/platform/observability';

/**
 * The SLA service in microservices mode (Kafka and MongoDB required); `npm start` is the
 * all-in-one. Tracing (OTEL_* variables) starts first: the service loads after it, instrumented.
 */
startTraced('sla', async () => {
  const { runService } = await import('@itsm/platform/service');
  const { slaContext } = await import('@itsm/sla');
  await runService(slaContext);
});
