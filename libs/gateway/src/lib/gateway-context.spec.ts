import { TokenVerifier, generateDevKey, signDevToken } from '@itsm/platform/auth';
import { runWithCorrelation } from '@itsm/platform/observability';
import type { DevKey } from '@itsm/platform/auth';
import { GraphQLError } from 'graphql';
import { createGatewayContext, forwardHeadersOf } from './gateway-context';

const audience = { issuer: 'itsm', audience: 'itsm-api' };
const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

async function rejection(promise: Promise<unknown>): Promise<GraphQLError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  return error as GraphQLError;
}

describe('forwardHeadersOf', () => {
  it('forwards the token, the correlation id and a well-formed traceparent', () => {
    const req = { headers: { authorization: 'Bearer t', 'x-correlation-id': 'corr-1', traceparent: TRACEPARENT, cookie: 'x' } };
    expect(forwardHeadersOf(req)).toEqual({ authorization: 'Bearer t', 'x-correlation-id': 'corr-1', traceparent: TRACEPARENT });
  });

  it("forwards the request's own correlation id (the one its log lines and answer carry) when the caller sent none", () => {
    const forwarded = runWithCorrelation({ correlationId: 'req-7' }, () => forwardHeadersOf({ headers: { 'x-correlation-id': 'a b' } }));
    expect(forwarded).toEqual({ 'x-correlation-id': 'req-7' });
  });

  it('starts a correlation id when none (or a malformed one) was sent, and drops a malformed traceparent', () => {
    expect(forwardHeadersOf({ headers: { 'x-correlation-id': 'a b\nc', traceparent: 'nope' } }, () => 'new-id')).toEqual({
      'x-correlation-id': 'new-id',
    });
  });
});

describe('createGatewayContext', () => {
  let key: DevKey;
  let ready: boolean;
  let context: ReturnType<typeof createGatewayContext>;

  beforeAll(async () => {
    key = await generateDevKey();
    context = createGatewayContext({ verifier: TokenVerifier.fromDevKey(key, audience), isReady: () => ready, logger });
  });

  beforeEach(() => {
    ready = true;
  });

  it('puts the verified principal and the headers to forward in the context', async () => {
    const token = await signDevToken(key, { sub: 'u-1', name: 'One', roles: ['agent'] }, audience);
    const req = { headers: { authorization: `Bearer ${token}`, 'x-correlation-id': 'c-1' } };
    await expect(context({ req })).resolves.toEqual({
      req,
      principal: { userId: 'u-1', name: 'One', roles: ['agent'], orgId: undefined },
      forwardHeaders: { authorization: `Bearer ${token}`, 'x-correlation-id': 'c-1' },
    });
  });

  it('refuses a missing token with UNAUTHENTICATED and HTTP 401', async () => {
    const error = await rejection(context({ req: { headers: {} } }));
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'AUTH.UNAUTHENTICATED', http: { status: 401 } });
  });

  it('refuses authenticated callers with SERVICE_UNAVAILABLE (503) until the supergraph is composed', async () => {
    ready = false;
    const token = await signDevToken(key, { sub: 'u-1', name: 'One', roles: ['agent'] }, audience);
    const error = await rejection(context({ req: { headers: { authorization: `Bearer ${token}` } } }));
    expect(error.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', reason: 'GATEWAY.NOT_READY', http: { status: 503 } });
  });
});
