/**
 * The messages between bench:subscriptions and its subscriber child (IPC). Times are on a clock both
 * processes share: `performance.timeOrigin + performance.now()` (the wall clock at each process's
 * start, in µs, plus its monotonic clock since), in ms.
 */

/** The shared clock, in ms with sub-ms precision. */
export const sharedNow = (): number => performance.timeOrigin + performance.now();

export type ParentMessage =
  /** Opens one graphql-ws connection per token, each subscribed to `subscription`; answered by `connected`. */
  | { readonly kind: 'start'; readonly wsUrl: string; readonly httpUrl: string; readonly tokens: readonly string[]; readonly incidentId: string; readonly subscription: string; readonly query: string }
  /** Forget earlier arrivals; answered by `armed` (the next change is a new round). `sentAt`: the parent's shared clock. */
  | { readonly kind: 'arm'; readonly sentAt: number }
  /** Wait until every subscriber got a change since `arm`, or `timeoutMs`; answered by `arrivals`. */
  | { readonly kind: 'collect'; readonly timeoutMs: number }
  /** Every viewer sends the equivalent query over HTTP at once; answered by `burst`. */
  | { readonly kind: 'burst' };

export interface Failures {
  readonly count: number;
  /** The first few distinct reasons, with their counts. */
  readonly samples: readonly (readonly [string, number])[];
}

export type ChildMessage =
  | { readonly kind: 'connected'; readonly connected: number; readonly connectMs: number; readonly failures: Failures }
  /** `clockGapMs`: the child's shared clock at receipt of `arm` minus the parent's at sending it (the IPC latency plus any skew of the clocks). */
  | { readonly kind: 'armed'; readonly clockGapMs: number }
  /** Per subscriber, when its first change since `arm` arrived (shared clock; null: none); `extra`: further ones. */
  | { readonly kind: 'arrivals'; readonly arrivals: readonly (number | null)[]; readonly extra: number; readonly failures: Failures }
  /** Per viewer, ms from the burst's start to its whole checked answer (null: failed); `newConnections`: requests that had to connect all the same. */
  | { readonly kind: 'burst'; readonly latencies: readonly (number | null)[]; readonly newConnections: number; readonly failures: Failures };
