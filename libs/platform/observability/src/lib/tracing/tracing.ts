import { ConfigError, EX_CONFIG, loadConfig, OtelEnv, toTracingSettings } from '@itsm/platform/config';
import type { TracingSettings } from '@itsm/platform/config';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** The packages the SDK instruments by patching them as they load (their spans come from the patches). */
export const INSTRUMENTED_PACKAGES = ['express', 'graphql', 'mongodb'] as const;

/** The process's tracing: started once, before the modules it instruments are loaded. */
export interface Tracing {
  readonly enabled: boolean;
  /** Exports the spans still buffered, then stops recording. */
  shutdown(): Promise<void>;
}

export interface StartTracingOptions {
  /** Replaces the exporters OTEL_TRACES_EXPORTER names (tests: an in-memory exporter). */
  readonly spanProcessors?: SpanProcessor[];
  /** The module files loaded so far (default: Node's require cache), checked for instrumented packages. */
  readonly loadedModules?: () => Iterable<string>;
}

const OFF: Tracing = { enabled: false, shutdown: () => Promise.resolve() };
let current: Tracing = OFF;

/**
 * The instrumented packages among `loadedFiles`: their module files were loaded before the SDK's
 * require hooks were in place, so they run unpatched and record no spans.
 */
export function loadedTooEarly(loadedFiles: Iterable<string>): string[] {
  const found = new Set<string>();
  for (const file of loadedFiles) {
    for (const name of INSTRUMENTED_PACKAGES) if (file.includes(`/node_modules/${name}/`)) found.add(name);
  }
  return [...found].sort();
}

/**
 * Starts the OpenTelemetry Node SDK when `settings` enable tracing: OTLP (or the exporters
 * OTEL_TRACES_EXPORTER names, configured by the standard OTEL_* variables), spans for HTTP, Express,
 * GraphQL and MongoDB. Off, it loads nothing and costs nothing: the API's no-op tracer stays in place.
 * Refuses to start (an Error) when an instrumented package is already loaded.
 */
export async function startTracing(settings: TracingSettings, options: StartTracingOptions = {}): Promise<Tracing> {
  if (!settings.enabled) return OFF;
  if (current.enabled) throw new Error('tracing is already started in this process');
  const early = loadedTooEarly((options.loadedModules ?? (() => Object.keys(require.cache)))());
  if (early.length > 0) {
    throw new Error(`tracing must start before ${early.join(', ')} ${early.length === 1 ? 'is' : 'are'} loaded (they would record no spans): start it first in the process's main`);
  }
  // Loaded only when tracing is on: the SDK, its exporters and instrumentations are large.
  const { startNodeSdk } = await import('./tracing-sdk');
  const sdk = startNodeSdk(settings.serviceName, options.spanProcessors);
  const started: Tracing = {
    enabled: true,
    shutdown: async () => {
      if (current === started) current = OFF;
      await sdk.shutdown();
    },
  };
  current = started;
  return started;
}

/** Exports what is buffered and stops tracing, if it runs (the last step of a process's shutdown). */
export function shutdownTracing(): Promise<void> {
  return current.shutdown();
}

/**
 * A process's entry point: validates the OTEL_* variables (exit 78 naming each bad one), starts
 * tracing, and only then loads and runs `main`, so the modules it loads (kafkajs, mongodb, express,
 * graphql) are the instrumented ones. `defaultServiceName` applies when OTEL_SERVICE_NAME is unset.
 * Any failure ends the process with exit 1 and the reason on stderr.
 */
export function startTraced(defaultServiceName: string, main: () => Promise<unknown>): void {
  const fail = (error: unknown): never => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return process.exit(EX_CONFIG);
    }
    process.stderr.write(`${defaultServiceName} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return process.exit(1);
  };
  const start = async (): Promise<void> => {
    await startTracing(toTracingSettings(loadConfig(OtelEnv), defaultServiceName));
    await main();
  };
  start().catch(fail);
}
