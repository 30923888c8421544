import CircuitBreaker from 'opossum';
import { BreakerOpenError, BreakerTimeoutError } from './breaker.errors';
import { validateBreakerSettings } from './breaker-settings';
import type { BreakerSettings } from './breaker-settings';

export type BreakerState = 'closed' | 'open' | 'halfOpen';

export interface BreakerHooks {
  /** Called with 'closed' at creation, then on every transition, e.g. to export a gauge per breaker. */
  readonly onStateChange?: (name: string, state: BreakerState) => void;
}

export interface Breaker<A extends unknown[], R> {
  readonly name: string;
  fire(...args: A): Promise<R>;
  state(): BreakerState;
  /** Stops the breaker's timers; later calls fail with BreakerOpenError. */
  shutdown(): void;
}

/** Wraps an outbound call in an opossum circuit breaker, with typed errors for its own rejections. */
export function createBreaker<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
  settings: BreakerSettings,
  hooks: BreakerHooks = {},
): Breaker<A, R> {
  validateBreakerSettings(settings);
  const { name, timeoutMs } = settings;
  const circuit = new CircuitBreaker<A, R>(action, {
    name,
    timeout: timeoutMs,
    errorThresholdPercentage: settings.errorThresholdPercentage,
    volumeThreshold: settings.volumeThreshold,
    rollingCountTimeout: settings.rollingCountTimeoutMs,
    rollingCountBuckets: settings.rollingCountBuckets,
    resetTimeout: settings.resetTimeoutMs,
    allowWarmUp: false,
    // Snapshots and latency percentiles feed opossum's Hystrix stream, which nothing here reads.
    enableSnapshots: false,
    rollingPercentilesEnabled: false,
  });
  const { onStateChange } = hooks;
  if (onStateChange) {
    onStateChange(name, 'closed');
    circuit.on('open', () => onStateChange(name, 'open'));
    circuit.on('halfOpen', () => onStateChange(name, 'halfOpen'));
    circuit.on('close', () => onStateChange(name, 'closed'));
  }

  // Only opossum's own rejections are translated: an action's error passes through unchanged,
  // even one whose code happens to be ETIMEDOUT.
  const translate = (error: unknown): never => {
    if (!(error instanceof Error) || !CircuitBreaker.isOurError(error)) throw error;
    const code = (error as Error & { code?: unknown }).code;
    if (code === 'EOPENBREAKER' || code === 'ESHUTDOWN') throw new BreakerOpenError(name);
    if (code === 'ETIMEDOUT' && timeoutMs !== false) throw new BreakerTimeoutError(name, timeoutMs);
    throw error;
  };

  return {
    name,
    fire: (...args) => circuit.fire(...args).catch(translate),
    state: () => (circuit.halfOpen ? 'halfOpen' : circuit.opened || circuit.isShutdown ? 'open' : 'closed'),
    shutdown: () => circuit.shutdown(),
  };
}
