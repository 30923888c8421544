import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** Probes and scrapes would each start a trace, every few seconds, on every replica. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/**
 * The OpenTelemetry Node SDK for traces only (metrics stay Prometheus', logs stay JSON on stdout),
 * configured by the standard OTEL_* variables (exporter, endpoint, protocol, headers, sampler,
 * propagators, batching, resource attributes). Kafka spans are not kafkajs patches: the messaging
 * kit makes them per event, parented through the CloudEvents `traceparent`.
 */
export function startNodeSdk(serviceName: string, spanProcessors?: SpanProcessor[]): NodeSDK {
  const sdk = new NodeSDK({
    serviceName,
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? '') }),
      // Nest's middlewares (correlation, body parsing, ...) would add a span each per request.
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true }),
      new MongoDBInstrumentation(),
    ],
    metricReaders: [],
    logRecordProcessors: [],
    ...(spanProcessors ? { spanProcessors } : {}),
  });
  sdk.start();
  return sdk;
}
