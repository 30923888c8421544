import { ConfigError, EX_CONFIG, requireOrExit } from '@itsm/platform/config';
import { createLogger, shutdownTracing } from '@itsm/platform/observability';
import type { TObject } from '@sinclair/typebox';
import { hostname } from 'node:os';
import type { ContextDeclaration } from './context-declaration';
import { startContext } from './context-app';
import type { StartedContext } from './context-app';
import { checkContextDeclarations } from './declaration-checks';
import { contextSettings, loadServiceEnv, MICROSERVICE_REQUIRED_ENV, microserviceRuntime } from './service-env';
import { ShutdownSequence, shutdownOnSignal } from './shutdown-sequence';
import type { ShutdownLog } from './shutdown-sequence';

/**
 * How long a microservice may take to stop after SIGTERM: consumers finish their event, commit and
 * leave the group, the relay stops, connections close. Below Kubernetes' grace period (40 s in deploy/).
 */
export const SERVICE_SHUTDOWN_DEADLINE_MS = 30_000;

/**
 * A one-app process's shutdown (a service, the gateway): on SIGTERM/SIGINT the app closes, then the
 * spans still buffered are exported, within SERVICE_SHUTDOWN_DEADLINE_MS; then the process ends by
 * the signal it got (as Nest's own shutdown hooks do), so supervisors see why it stopped.
 */
export function closeOnSignal(name: string, close: () => Promise<void>, log: ShutdownLog): void {
  const sequence = new ShutdownSequence({ deadlineMs: SERVICE_SHUTDOWN_DEADLINE_MS, stepTimeoutMs: SERVICE_SHUTDOWN_DEADLINE_MS, log });
  // Steps run last-added first: the app closes, then its last spans are exported.
  sequence.add('tracing', shutdownTracing);
  sequence.add(name, close);
  shutdownOnSignal(sequence, { exit: (signal) => process.kill(process.pid, signal) });
}

/**
 * Runs one context as its own process (microservices mode): loads and validates its configuration
 * (exit 78 on a bad one; Kafka and MongoDB required), starts it on PORT, and on SIGTERM/SIGINT closes
 * it within SERVICE_SHUTDOWN_DEADLINE_MS, then ends by the same signal. A start failure exits 1.
 */
export async function runService<E extends TObject, S>(declaration: ContextDeclaration<E, S>): Promise<StartedContext | undefined> {
  try {
    checkContextDeclarations([declaration]);
    const env = loadServiceEnv(declaration);
    requireOrExit(env, [...MICROSERVICE_REQUIRED_ENV], `the ${declaration.name} service runs on Kafka and MongoDB; \`npm start\` is the all-in-one mode`);
    const runtime = microserviceRuntime(env);
    const { settings } = contextSettings(declaration, env, { hostname: hostname() });
    const demo = declaration.demo?.enabled(env) === true ? { earlier: new Map() } : undefined;
    const started = await startContext(declaration, runtime, settings, { port: env.PORT }, demo);
    closeOnSignal(`${declaration.name} app`, () => started.close(), createLogger({ name: declaration.name, level: runtime.logLevel }));
    return started;
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EX_CONFIG);
    }
    process.stderr.write(`${declaration.name} service failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  }
}
