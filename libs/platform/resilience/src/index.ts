export * from './lib/backoff';
export * from './lib/breaker';
export * from './lib/breaker.errors';
export * from './lib/breaker-settings';
export * from './lib/rate-limiter';
