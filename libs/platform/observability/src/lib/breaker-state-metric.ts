import type { MetricsRegistry } from './metrics-registry';

type BreakerState = 'closed' | 'halfOpen' | 'open';

const STATE_VALUE: Record<BreakerState, number> = { closed: 0, halfOpen: 1, open: 2 };

/** An `onStateChange` hook for `createBreaker` that exports each breaker's state as a gauge. */
export function breakerStateMetric(metrics: MetricsRegistry): (name: string, state: BreakerState) => void {
  const gauge = metrics.gauge('circuit_breaker_state', 'Circuit breaker state: 0 closed, 1 half-open, 2 open', ['breaker']);
  return (name, state) => gauge.set({ breaker: name }, STATE_VALUE[state]);
}
