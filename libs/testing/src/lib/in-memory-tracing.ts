import { context, propagation, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

export interface InMemoryTracing {
  /** The spans ended so far, in the order they ended. */
  spans(): ReadableSpan[];
  /** The ended span named `name` (exactly one), else a failure naming the spans there are. */
  span(name: string): ReadableSpan;
  reset(): void;
  /** Unregisters the SDK so later tests run with the no-op API again. */
  stop(): Promise<void>;
}

/**
 * The OpenTelemetry SDK as the processes run it (async context, W3C propagation), exporting every
 * span at once to memory and patching no module: for tests of the spans the code makes through the API.
 * The SDK is loaded on first use only (it is large; most specs importing the testing lib never trace).
 */
export async function startInMemoryTracing(): Promise<InMemoryTracing> {
  const [{ NodeSDK }, { InMemorySpanExporter, SimpleSpanProcessor }] = await Promise.all([import('@opentelemetry/sdk-node'), import('@opentelemetry/sdk-trace-base')]);
  const exporter = new InMemorySpanExporter();
  const sdk = new NodeSDK({
    serviceName: 'test',
    autoDetectResources: false,
    instrumentations: [],
    metricReaders: [],
    logRecordProcessors: [],
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  sdk.start();
  const spans = (): ReadableSpan[] => exporter.getFinishedSpans();
  return {
    spans,
    span: (name) => {
      const named = spans().filter((span) => span.name === name);
      if (named.length !== 1) throw new Error(`expected one span "${name}", found ${named.length} among: ${spans().map((span) => span.name).join(', ') || 'none'}`);
      return named[0] as ReadableSpan;
    },
    reset: () => exporter.reset(),
    stop: async () => {
      await sdk.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
