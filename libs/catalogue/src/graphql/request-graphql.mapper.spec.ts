import { encodeCursor } from '@itsm/platform/graphql';
import { parseVariables, requestPage } from './request-graphql.mapper';

describe('the requests GraphQL mapper', () => {
  it('reads form values as JSON and refuses text that is not, naming the line', () => {
    expect(parseVariables('{"model":"x1","dock":true}', 0)).toEqual({ model: 'x1', dock: true });
    expect(() => parseVariables('{model:', 2)).toThrow(expect.objectContaining({ code: 'CATALOGUE.INVALID_INPUT', details: { field: 'variables', line: 2 } }));
  });

  it("decodes only its own list's cursors into a request number, and bounds first", () => {
    expect(requestPage('req', { first: 10, after: encodeCursor('req', 1042) }, 100)).toEqual({ first: 10, after: 1042 });
    expect(requestPage('req', { first: 10, after: null }, 100)).toEqual({ first: 10, after: undefined });
    expect(() => requestPage('req', { first: 10, after: encodeCursor('rtask', 1042) }, 100)).toThrow(expect.objectContaining({ code: 'CATALOGUE.INVALID_INPUT', details: { field: 'after' } }));
    expect(() => requestPage('req', { first: 10, after: encodeCursor('req', 'x') }, 100)).toThrow(expect.objectContaining({ details: { field: 'after' } }));
    expect(() => requestPage('req', { first: 101 }, 100)).toThrow(expect.objectContaining({ details: { field: 'first' } }));
  });
});
