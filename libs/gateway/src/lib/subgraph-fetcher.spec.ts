import { BreakerOpenError } from '@itsm/platform/resilience';
import { createSubgraphBreakers, subgraphBreakerSettings } from './subgraph-fetcher';
import type { HttpFetch } from './subgraph-fetcher';

describe('createSubgraphBreakers', () => {
  it('uses explicit breaker settings, never opossum defaults', () => {
    expect(subgraphBreakerSettings('incident', 2_000)).toEqual({
      name: 'subgraph:incident',
      timeoutMs: 2_000,
      errorThresholdPercentage: 50,
      volumeThreshold: 5,
      rollingCountTimeoutMs: 10_000,
      rollingCountBuckets: 10,
      resetTimeoutMs: 5_000,
    });
  });

  it('hands 5xx answers to the data source, yet counts them as failures until the circuit opens', async () => {
    const httpFetch = jest.fn<ReturnType<HttpFetch>, Parameters<HttpFetch>>(async () => new Response('{}', { status: 503 }));
    const states: string[] = [];
    const breakers = createSubgraphBreakers(1_000, { onStateChange: (_name, state) => states.push(state) }, httpFetch);
    const fetcher = breakers.fetcherFor('incident');
    try {
      for (let i = 0; i < 5; i += 1) expect((await fetcher('http://incident/graphql', { method: 'POST' })).status).toBe(503);
      await expect(fetcher('http://incident/graphql', { method: 'POST' })).rejects.toBeInstanceOf(BreakerOpenError);
      expect(httpFetch).toHaveBeenCalledTimes(5);
      expect(states).toEqual(['closed', 'open']);
      expect(httpFetch.mock.calls[0]?.[1].signal).toBeInstanceOf(AbortSignal);
    } finally {
      breakers.shutdown();
    }
  });

  it('shares one breaker per subgraph name', async () => {
    const httpFetch = jest.fn<ReturnType<HttpFetch>, Parameters<HttpFetch>>(async () => {
      throw new TypeError('fetch failed');
    });
    const breakers = createSubgraphBreakers(1_000, {}, httpFetch);
    try {
      for (let i = 0; i < 5; i += 1) {
        await expect(breakers.fetcherFor('incident')('http://a', {})).rejects.toThrow('fetch failed');
      }
      await expect(breakers.fetcherFor('incident')('http://a', {})).rejects.toBeInstanceOf(BreakerOpenError);
      httpFetch.mockImplementation(async () => new Response('{}', { status: 200 }));
      expect((await breakers.fetcherFor('sla')('http://b', {})).status).toBe(200);
    } finally {
      breakers.shutdown();
    }
  });
});
