import { startTraced } from '@itsm/platform/observability';

/**
 * `npm start`: the all-in-one process (run-platform.ts). Tracing (OTEL_* variables) starts first:
 * the platform loads after it, so kafkajs, mongodb, express and graphql load instrumented.
 */
startTraced('platform', async () => {
  const { runPlatform } = await import('./run-platform');
  await runPlatform();
});
