/** The messages between bench:gateway and its load child (IPC). */
import type { LatencySummary } from '@itsm/bench-kit';
import type { MixSettings } from './query-mix';

export interface RoundOrder {
  readonly kind: 'round';
  readonly url: string;
  readonly token: string;
  readonly connections: number;
  readonly seconds: number;
  readonly mix: MixSettings;
}

export interface RoundResult {
  readonly kind: 'result';
  readonly requests: number;
  readonly errors: number;
  readonly elapsedMs: number;
  readonly latency: LatencySummary;
  /** The first few distinct failure reasons, with their counts. */
  readonly failures: readonly (readonly [string, number])[];
}
