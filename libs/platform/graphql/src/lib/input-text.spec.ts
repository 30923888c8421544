import { GraphQLID, GraphQLInputObjectType, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLString } from 'graphql';
import type { GraphQLArgument, GraphQLInputType } from 'graphql';
import { cleanArguments } from './input-text';

const NoteInput = new GraphQLInputObjectType({
  name: 'NoteInput',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLID) },
    title: { type: new GraphQLNonNull(GraphQLString) },
    body: { type: GraphQLString, extensions: { textKind: 'text' } },
    tags: { type: new GraphQLList(new GraphQLNonNull(GraphQLString)) },
    count: { type: GraphQLInt },
  },
});
const WrapperInput = new GraphQLInputObjectType({ name: 'WrapperInput', fields: { notes: { type: new GraphQLList(NoteInput) } } });

function args(definitions: Record<string, GraphQLInputType>): GraphQLArgument[] {
  return Object.entries(definitions).map(([name, type]) => ({ name, type, description: undefined, defaultValue: undefined, deprecationReason: undefined, extensions: {}, astNode: undefined }));
}

/** Expects an InputTextError (BAD_USER_INPUT) whose details include these. */
function refused(details: Record<string, unknown>): Error {
  return expect.objectContaining({ name: 'InputTextError', code: 'BAD_USER_INPUT', details: expect.objectContaining(details) });
}

describe('cleanArguments', () => {
  const definitions = args({ input: new GraphQLNonNull(NoteInput), reason: GraphQLString, wrapper: WrapperInput });

  it('normalises strings in place, nested objects and lists included, and leaves other values alone', () => {
    const values: Record<string, unknown> = {
      input: { id: 'n-1', title: 'Cafe\u0301', body: 'one\r\ntwo', tags: ['e\u0301'], count: 3 },
      reason: 'ok',
      wrapper: { notes: [{ id: 'n-2', title: 'x\r' }] },
    };
    cleanArguments(definitions, {}, values);
    expect(values).toEqual({
      input: { id: 'n-1', title: 'Caf\u00e9', body: 'one\ntwo', tags: ['\u00e9'], count: 3 },
      reason: 'ok',
      wrapper: { notes: [{ id: 'n-2', title: 'x\n' }] },
    });
  });

  it('refuses a NUL with BAD_USER_INPUT naming the field and its path', () => {
    expect(() => cleanArguments(definitions, {}, { input: { id: 'n-1', title: 'Printer\u0000 on fire' } })).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field: 'title', path: 'input.title', reason: 'control_character', index: 7 } }),
    );
  });

  it('names the field of a list item by its name, not its index', () => {
    expect(() => cleanArguments(definitions, {}, { wrapper: { notes: [{ id: 'a', title: 'ok' }, { id: 'b', title: '\u001b' }] } })).toThrow(refused({ field: 'title', path: 'wrapper.notes.1.title' }));
  });

  it('applies the kind limits: ID 128, String 256 by default, the declared kind otherwise', () => {
    expect(() => cleanArguments(definitions, {}, { input: { id: 'x'.repeat(129), title: 't' } })).toThrow(refused({ field: 'id', reason: 'too_long', max: 128 }));
    expect(() => cleanArguments(definitions, {}, { input: { id: 'n', title: 'x'.repeat(257) } })).toThrow(refused({ field: 'title', max: 256 }));
    expect(() => cleanArguments(definitions, {}, { input: { id: 'n', title: 't', body: 'x'.repeat(20_000) } })).not.toThrow();
    expect(() => cleanArguments(definitions, {}, { input: { id: 'n', title: 't', body: 'x'.repeat(32_769) } })).toThrow(refused({ field: 'body', max: 32_768 }));
  });

  it('reads the kinds of top-level arguments from the field extensions', () => {
    const long = { reason: 'x'.repeat(1_000) };
    expect(() => cleanArguments(definitions, {}, { ...long })).toThrow(refused({ field: 'reason', max: 256 }));
    expect(() => cleanArguments(definitions, { textArgs: { reason: 'text' } }, { ...long })).not.toThrow();
  });

  it('skips absent and null values', () => {
    const values = { input: { id: 'n', title: 't', body: null }, reason: undefined };
    cleanArguments(definitions, {}, values);
    expect(values).toEqual({ input: { id: 'n', title: 't', body: null }, reason: undefined });
  });
});
