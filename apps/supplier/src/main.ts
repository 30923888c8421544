import { startTraced } from '@itsm/platform/observability';

/**
 * The supplier-exchange service in microservices mode (Kafka and MongoDB required); `npm start` is the
 * all-in-one. Tracing (OTEL_* variables) starts first: the service loads after it, instrumented.
 */
startTraced('supplier', async () => {
  const { runService } = await import('@itsm/platform/service');
  const { supplierExchangeContext } = await import('@itsm/supplier-exchange');
  await runService(supplierExchangeContext);
});
