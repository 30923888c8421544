/**
 * The knobs of `npm run bench:supplier-exchange` (validated once). The defaults are a short run
 * (5 s of the stream, 1,000 signed updates: about two minutes on two shared cores); the full run is
 * `SX_BENCH_SECONDS=60 npm run bench:supplier-exchange` (20 suppliers, 1,000 changes/s for 60 s).
 */
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';

export const SupplierExchangeBenchEnv = Type.Object({
  /** Suppliers connected; every `SX_BENCH_WEBHOOK_EVERY`-th one takes signed webhooks, the others read their Kafka topic. */
  SX_BENCH_SUPPLIERS: Type.Integer({ minimum: 1, maximum: 500, default: 20 }),
  SX_BENCH_WEBHOOK_EVERY: Type.Integer({ minimum: 1, maximum: 500, default: 4 }),
  /** Tickets of the outbound stream, assigned to the suppliers round-robin. */
  SX_BENCH_TICKETS: Type.Integer({ minimum: 1, maximum: 100_000, default: 400 }),
  /** Target rate of incident changes (open loop) and how long it is held. */
  SX_BENCH_RATE: Type.Integer({ minimum: 1, maximum: 100_000, default: 1_000 }),
  SX_BENCH_SECONDS: Type.Number({ minimum: 1, maximum: 3_600, default: 5 }),
  /** How long the bench waits for the last deliveries after the stream ends; what is missing then is lost. */
  SX_BENCH_DRAIN_SECONDS: Type.Integer({ minimum: 1, maximum: 7_200, default: 90 }),
  /** How often the exchange looks for due webhook deliveries (the service's SUPPLIER_EXCHANGE_WEBHOOK_POLL_MS; 50 is its minimum). */
  SX_BENCH_WEBHOOK_POLL_MS: Type.Integer({ minimum: 50, maximum: 60_000, default: 50 }),
  /** Inbound: real incidents assigned to the suppliers, and the signed updates (notes) sent about them; the same count again through GraphQL. */
  SX_BENCH_INBOUND_TICKETS: Type.Integer({ minimum: 1, maximum: 10_000, default: 100 }),
  SX_BENCH_INBOUND_UPDATES: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1_000 }),
  /** Concurrent GraphQL clients of the baseline (closed loop). */
  SX_BENCH_GRAPHQL_CLIENTS: Type.Integer({ minimum: 1, maximum: 1_000, default: 20 }),
});
export type SupplierExchangeBenchEnv = Static<typeof SupplierExchangeBenchEnv>;
