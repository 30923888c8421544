import { GraphQLError } from 'graphql';
import { maskUnexpected, productionFormatError, useCsrfPrevention } from './edge-plugins';

describe('useCsrfPrevention', () => {
  const outcome = (method: string, headers: Record<string, string>): number | 'passed' => {
    let ended: Response | undefined;
    const onRequest = useCsrfPrevention().onRequest as (payload: { request: Request; endResponse(response: Response): void }) => void;
    onRequest({ request: new Request('http://gw/graphql', { method, headers, ...(method === 'POST' ? { body: '{}' } : {}) }), endResponse: (response) => (ended = response) });
    return ended ? ended.status : 'passed';
  };

  it('refuses what a browser sends cross-site without a preflight: GETs and form-typed POSTs without a preflight header', () => {
    expect(outcome('GET', {})).toBe(400);
    expect(outcome('POST', { 'content-type': 'text/plain' })).toBe(400);
    expect(outcome('POST', { 'content-type': 'application/x-www-form-urlencoded' })).toBe(400);
    expect(outcome('POST', { 'content-type': 'multipart/form-data; boundary=x' })).toBe(400);
  });

  it('lets JSON POSTs and requests with a preflight header through', () => {
    expect(outcome('POST', { 'content-type': 'application/json; charset=utf-8' })).toBe('passed');
    expect(outcome('POST', { 'content-type': 'application/graphql-response+json' })).toBe('passed');
    expect(outcome('GET', { 'graphql-preflight': '1' })).toBe('passed');
    expect(outcome('POST', { 'content-type': 'text/plain', 'apollo-require-preflight': 'true' })).toBe('passed');
  });
});

describe('productionFormatError', () => {
  it('drops stack traces, masks internal errors and removes field suggestions', () => {
    expect(productionFormatError({ message: 'db down at 10.0.0.7', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } })).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(productionFormatError({ message: 'Cannot query field "titel" on type "Incident". Did you mean "title"?', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })).toEqual({
      message: 'Cannot query field "titel" on type "Incident".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});

describe('maskUnexpected', () => {
  it("hides a defect's message, and passes every coded or plain GraphQL error", () => {
    const defect = new GraphQLError("Cannot read properties of undefined (reading 'roles')", { originalError: new TypeError('x') });
    expect(maskUnexpected(defect)).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(maskUnexpected(new TypeError('at 10.0.0.7'))).toMatchObject({ message: 'Internal server error' });
    const request = new GraphQLError('POST body sent invalid JSON.', { originalError: new SyntaxError('x'), extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
    const subgraph = new GraphQLError('incident INC0001 not found', { extensions: { code: 'NOT_FOUND' } });
    const validation = new GraphQLError('Cannot query field "nope" on type "Query".');
    for (const error of [request, subgraph, validation]) expect(maskUnexpected(error)).toBe(error);
  });
});
