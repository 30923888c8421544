import { BreakerOpenError, BreakerTimeoutError } from '@itsm/platform/resilience';
import { GraphQLError } from 'graphql';
import { subgraphFailure } from './subgraph-data-source';

describe('subgraphFailure', () => {
  const reasonOf = (error: unknown) => subgraphFailure('incident', error).extensions;

  it('types breaker rejections', () => {
    expect(reasonOf(new BreakerOpenError('subgraph:incident'))).toEqual({
      serviceName: 'incident',
      code: 'SUBGRAPH_UNAVAILABLE',
      reason: 'GATEWAY.SUBGRAPH_CIRCUIT_OPEN',
    });
    expect(reasonOf(new BreakerTimeoutError('subgraph:incident', 10_000))).toMatchObject({ reason: 'GATEWAY.SUBGRAPH_TIMEOUT' });
  });

  it('hides network failures and non-2xx answers behind one code, without URL or body', () => {
    const fromResponse = new GraphQLError('502: Bad Gateway', { extensions: { response: { url: 'http://incident:4101/graphql', status: 502 } } });
    for (const error of [new TypeError('fetch failed'), fromResponse]) {
      const failure = subgraphFailure('incident', error);
      expect(failure.message).toBe('subgraph "incident" is unavailable');
      expect(failure.extensions).toEqual({ serviceName: 'incident', code: 'SUBGRAPH_UNAVAILABLE', reason: 'GATEWAY.SUBGRAPH_UNAVAILABLE' });
    }
  });

  it('keeps a subgraph\'s own 401/403 meaning', () => {
    const refused = new GraphQLError('401: Unauthorized', { extensions: { code: 'UNAUTHENTICATED', response: { status: 401 } } });
    expect(reasonOf(refused)).toEqual({ code: 'UNAUTHENTICATED', serviceName: 'incident' });
  });
});
