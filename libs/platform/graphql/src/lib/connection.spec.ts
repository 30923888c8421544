import { decodeCursor, encodeCursor, pageRequest, toConnection } from './connection';
import type { PageRequestRules } from './connection';

class InvalidInput extends Error {
  override readonly name = 'InvalidInput';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const rules: PageRequestRules<number> = {
  cursor: 'inc',
  maxFirst: 100,
  parseKey: (key) => (/^[1-9][0-9]*$/.test(key) ? Number(key) : undefined),
  invalid: (field, message) => new InvalidInput(field, message),
};

const invalid = (field: string) => expect.objectContaining({ name: 'InvalidInput', field });

describe('cursors', () => {
  it('round-trips a key and keeps the wire format of the incident cursors (base64url of `inc:<seq>`)', () => {
    expect(encodeCursor('inc', 1042)).toBe(Buffer.from('inc:1042').toString('base64url'));
    expect(decodeCursor('inc', encodeCursor('inc', 1042))).toBe('1042');
    expect(decodeCursor('ci', encodeCursor('ci', 'a1b2'))).toBe('a1b2');
  });

  it('decodes nothing from another namespace, an empty key or junk', () => {
    expect(decodeCursor('prb', encodeCursor('inc', 7))).toBeUndefined();
    expect(decodeCursor('inc', Buffer.from('inc:').toString('base64url'))).toBeUndefined();
    expect(decodeCursor('inc', 'bm9wZQ')).toBeUndefined();
  });
});

describe('pageRequest', () => {
  it('passes a bounded first and the decoded key', () => {
    expect(pageRequest({ first: 20 }, rules)).toEqual({ first: 20, after: undefined });
    expect(pageRequest({ first: 1, after: null }, rules)).toEqual({ first: 1, after: undefined });
    expect(pageRequest({ first: 100, after: encodeCursor('inc', 55) }, rules)).toEqual({ first: 100, after: 55 });
  });

  it('refuses first outside 1..max and a cursor it did not issue, with the context error', () => {
    for (const first of [0, -1, 101, 2.5]) expect(() => pageRequest({ first }, rules)).toThrow(invalid('first'));
    expect(() => pageRequest({ first: 5, after: 'bm9wZQ' }, rules)).toThrow(invalid('after'));
    expect(() => pageRequest({ first: 5, after: encodeCursor('inc', 'abc') }, rules)).toThrow(invalid('after'));
  });
});

describe('toConnection', () => {
  it('gives every node its cursor and the last one as endCursor', () => {
    const connection = toConnection({ items: [{ id: 'a' }, { id: 'b' }], hasNextPage: true }, (item) => `c-${item.id}`, (item) => item.id.toUpperCase());
    expect(connection).toEqual({ edges: [{ cursor: 'c-a', node: 'A' }, { cursor: 'c-b', node: 'B' }], pageInfo: { hasNextPage: true, endCursor: 'c-b' } });
  });

  it('has no endCursor for an empty page', () => {
    expect(toConnection({ items: [], hasNextPage: false }, String, String).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
