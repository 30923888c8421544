import { MetricsRegistry } from './metrics-registry';
import { breakerStateMetric } from './breaker-state-metric';

describe('MetricsRegistry', () => {
  it('returns the already registered metric for the same name, type and labels', async () => {
    const metrics = new MetricsRegistry();
    const first = metrics.counter('events_consumed_total', 'Events consumed', ['topic']);
    const second = metrics.counter('events_consumed_total', 'Events consumed', ['topic']);
    expect(second).toBe(first);
    first.inc({ topic: 'itsm.incident.v1' });
    second.inc({ topic: 'itsm.incident.v1' });
    expect(await metrics.metrics()).toContain('events_consumed_total{topic="itsm.incident.v1"} 2');
  });

  it('throws when the name is taken by another type or other labels', () => {
    const metrics = new MetricsRegistry();
    metrics.gauge('queue_depth', 'Depth', ['queue']);
    expect(() => metrics.counter('queue_depth', 'Depth', ['queue'])).toThrow(/already registered as a gauge/);
    expect(() => metrics.gauge('queue_depth', 'Depth', ['topic'])).toThrow(/labels \[queue\]/);
  });

  it('keeps registries apart and uses custom histogram buckets', async () => {
    const a = new MetricsRegistry({ defaultLabels: { service: 'sla' } });
    const b = new MetricsRegistry();
    a.histogram('handler_seconds', 'Handler time', ['handler'], [0.1, 1]).observe({ handler: 'open' }, 0.5);
    b.histogram('handler_seconds', 'Handler time', ['handler']);
    const text = await a.metrics();
    expect(text).toContain('handler_seconds_bucket{le="1",service="sla",handler="open"} 1');
    expect(text).not.toContain('le="0.005"');
    expect(a.contentType).toMatch(/^text\/plain/);
  });

  it('collects default process metrics when asked', async () => {
    const metrics = new MetricsRegistry({ collectDefaultMetrics: true });
    expect(await metrics.metrics()).toContain('process_cpu_user_seconds_total');
  });

  it('exports breaker states as a gauge', async () => {
    const metrics = new MetricsRegistry();
    const report = breakerStateMetric(metrics);
    report('smtp', 'open');
    report('webhook', 'closed');
    expect(breakerStateMetric(metrics)).toBeInstanceOf(Function);
    const text = await metrics.metrics();
    expect(text).toContain('circuit_breaker_state{breaker="smtp"} 2');
    expect(text).toContain('circuit_breaker_state{breaker="webhook"} 0');
  });
});
