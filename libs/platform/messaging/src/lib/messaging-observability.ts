import type { EventEnvelope } from '@itsm/contracts';
import type { MetricsRegistry } from '@itsm/platform/observability';
import { runWithCorrelation } from '@itsm/platform/observability';
import type { PipelineObserver } from './consumer-pipeline';

/** Runs a handler with the event's correlation context, so every log line it writes carries it. */
export function withEventCorrelation(envelope: EventEnvelope, run: () => Promise<void>): Promise<void> {
  return runWithCorrelation(
    {
      correlationId: envelope.correlationid,
      causationId: envelope.id,
      ...(envelope.traceparent === undefined ? {} : { traceparent: envelope.traceparent }),
      ...(envelope.tenant === undefined ? {} : { tenant: envelope.tenant }),
    },
    run,
  );
}

/** Prometheus metrics of every consumer group: outcomes, handling time, retries, dead letters. */
export function messagingMetrics(metrics: MetricsRegistry): PipelineObserver {
  const outcomes = metrics.counter('itsm_events_consumed_total', 'Events taken off a topic, by outcome', ['group', 'topic', 'outcome']);
  const duration = metrics.histogram('itsm_event_handling_seconds', 'Time from taking an event to its outcome', ['group', 'topic'], [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30]);
  const retries = metrics.counter('itsm_event_retries_total', 'Handler attempts that failed and were retried', ['group', 'type']);
  const deadLetters = metrics.counter('itsm_events_dead_lettered_total', 'Events sent to a dead-letter topic', ['group', 'topic', 'code']);
  return {
    onOutcome: (group, topic, outcome, durationMs) => {
      outcomes.inc({ group, topic, outcome });
      duration.observe({ group, topic }, durationMs / 1000);
    },
    onRetry: (group, envelope) => retries.inc({ group, type: envelope.type }),
    onDeadLetter: (group, record, code) => deadLetters.inc({ group, topic: record.topic, code }),
  };
}
