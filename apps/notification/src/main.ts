import { startTraced } from '@itsm/platform/observability';

/**
 * The notification service in microservices mode (Kafka and MongoDB required); `npm start` is the
 * all-in-one. Tracing (OTEL_* variables) starts first: the service loads after it, instrumented.
 */
startTraced('notification', async () => {
  const { runService } = await import('@itsm/platform/service');
  const { notificationContext } = await import('@itsm/notification');
  await runService(notificationContext);
});
