import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

type MetricKind = 'counter' | 'gauge' | 'histogram';

interface Registered {
  readonly kind: MetricKind;
  readonly labels: string;
  readonly metric: unknown;
}

export interface MetricsRegistryOptions {
  /** Process metrics (CPU, memory, event loop lag, GC). */
  readonly collectDefaultMetrics?: boolean;
  readonly defaultLabels?: Readonly<Record<string, string>>;
}

/**
 * The process's one Prometheus registry (not prom-client's global one, so tests stay isolated).
 * Registration is idempotent: modules that share a metric name get the same metric back.
 */
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly registered = new Map<string, Registered>();

  constructor(options: MetricsRegistryOptions = {}) {
    if (options.defaultLabels) this.registry.setDefaultLabels({ ...options.defaultLabels });
    if (options.collectDefaultMetrics) collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string = string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.getOrCreate('counter', name, labelNames, () => new Counter({ name, help, labelNames, registers: [this.registry] }));
  }

  gauge<L extends string = string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return this.getOrCreate('gauge', name, labelNames, () => new Gauge({ name, help, labelNames, registers: [this.registry] }));
  }

  histogram<L extends string = string>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    buckets?: number[],
  ): Histogram<L> {
    return this.getOrCreate('histogram', name, labelNames, () =>
      new Histogram({ name, help, labelNames, registers: [this.registry], ...(buckets ? { buckets } : {}) }),
    );
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of every metric. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  private getOrCreate<M>(kind: MetricKind, name: string, labelNames: readonly string[], create: () => M): M {
    const labels = [...labelNames].sort().join(',');
    const existing = this.registered.get(name);
    if (existing) {
      if (existing.kind !== kind || existing.labels !== labels) {
        throw new Error(
          `metric "${name}" is already registered as a ${existing.kind} with labels [${existing.labels}]; ` +
            `cannot register it as a ${kind} with labels [${labels}]`,
        );
      }
      return existing.metric as M;
    }
    const metric = create();
    this.registered.set(name, { kind, labels, metric });
    return metric;
  }
}
