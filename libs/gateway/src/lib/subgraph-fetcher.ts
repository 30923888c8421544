import { createBreaker } from '@itsm/platform/resilience';
import type { Breaker, BreakerHooks, BreakerSettings } from '@itsm/platform/resilience';

export type HttpFetch = (url: string, init: RequestInit) => Promise<Response>;
export type SubgraphFetcher = HttpFetch;
type FetchInit = RequestInit;
type FetcherResponse = Response;

/**
 * The gateway's breakers' explicit settings (never opossum's defaults): at least 5 calls in a 10 s
 * window, half of them failing, open the circuit for 5 s.
 */
export const GATEWAY_BREAKER_POLICY = {
  errorThresholdPercentage: 50,
  volumeThreshold: 5,
  rollingCountTimeoutMs: 10_000,
  rollingCountBuckets: 10,
  resetTimeoutMs: 5_000,
} as const satisfies Omit<BreakerSettings, 'name' | 'timeoutMs'>;

/** Every subgraph call goes through one breaker per subgraph, on the gateway's policy. */
export function subgraphBreakerSettings(subgraph: string, timeoutMs: number): BreakerSettings {
  return { name: `subgraph:${subgraph}`, timeoutMs, ...GATEWAY_BREAKER_POLICY };
}

/** A 5xx answer counts as a breaker failure, yet still reaches the caller as a response. */
class ServerErrorResponse extends Error {
  constructor(readonly response: Response) {
    super(`subgraph answered HTTP ${response.status}`);
  }
}

export interface SubgraphBreakers {
  /** The subgraph's breaker around `httpFetch` (by default the one the breakers were made with). */
  fetcherFor(subgraph: string, httpFetch?: HttpFetch): SubgraphFetcher;
  shutdown(): void;
}

/** The reason a subgraph request's own timer aborts it with (one object: the timer fires after every call). */
const SUBGRAPH_CALL_EXPIRED = new Error('the subgraph call outlived its timeout');

/** One breaker per subgraph name, shared by every data source the gateway builds for it. */
export function createSubgraphBreakers(timeoutMs: number, hooks: BreakerHooks = {}, httpFetch: HttpFetch = fetch): SubgraphBreakers {
  const breakers = new Map<string, Breaker<[string, FetchInit, HttpFetch], Response>>();
  const call = async (url: string, init: FetchInit, through: HttpFetch): Promise<Response> => {
    // The breaker's timeout rejects the caller; a timer stops the request itself (its body included).
    // The caller's signal is not passed on: the gateway runtime hands every call its executor's
    // shared dispose signal, and a listener per call on it (the HTTP client's, or AbortSignal.any's)
    // piles up under load (MaxListenersExceededWarning, and 6% of the gateway's CPU in adding them).
    const stop = new AbortController();
    setTimeout(() => stop.abort(SUBGRAPH_CALL_EXPIRED), timeoutMs).unref();
    const signal = stop.signal;
    const response = await through(url, { ...init, signal });
    if (response.status >= 500) throw new ServerErrorResponse(response);
    return response;
  };
  return {
    fetcherFor(subgraph, through = httpFetch) {
      let breaker = breakers.get(subgraph);
      if (!breaker) {
        breaker = createBreaker(call, subgraphBreakerSettings(subgraph, timeoutMs), hooks);
        breakers.set(subgraph, breaker);
      }
      const fire = breaker.fire;
      return async (url, init): Promise<FetcherResponse> => {
        try {
          return await fire(url, init, through);
        } catch (error: unknown) {
          if (error instanceof ServerErrorResponse) return error.response;
          throw error;
        }
      };
    },
    shutdown() {
      for (const breaker of breakers.values()) breaker.shutdown();
    },
  };
}
