import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { queryLimitRules } from './query-limits';

const schema = buildSchema(`
  type Incident { id: ID! title: String! related(first: Int): [Incident!]! }
  type Query { incident(id: ID!): Incident hello: String }
`);

const limits = { maxDepth: 4, maxCost: 200, maxAliases: 2 };

function reasons(query: string): unknown[] {
  return validate(schema, parse(query), [...specifiedRules, ...queryLimitRules(limits)]).map((e) => e.extensions['reason']);
}

describe('queryLimitRules', () => {
  it('accepts an operation within every limit', () => {
    expect(reasons('{ incident(id: "1") { id related { id title } } a: hello b: hello }')).toEqual([]);
  });

  it('reports an operation deeper than maxDepth', () => {
    const errors = validate(schema, parse('{ incident(id: "1") { related { related { related { id } } } } }'), queryLimitRules(limits));
    expect(errors.map((e) => [e.message, e.extensions['reason']])).toEqual([
      ['Query depth limit of 4 exceeded, found 5.', 'GATEWAY.MAX_DEPTH'],
    ]);
  });

  it('counts depth through fragments', () => {
    expect(reasons('{ incident(id: "1") { ...deep } } fragment deep on Incident { related { related { related { id } } } }')).toEqual([
      'GATEWAY.MAX_DEPTH',
    ]);
  });

  it('reports an operation costlier than maxCost', () => {
    expect(reasons('{ incident(id: "1") { related(first: 100) { id title } } }')).toEqual(['GATEWAY.MAX_COST']);
  });

  it('reports more aliases than maxAliases', () => {
    expect(reasons('{ a: hello b: hello c: hello }')).toEqual(['GATEWAY.MAX_ALIASES']);
  });

  it('ignores the introspection __schema field for depth and cost', () => {
    expect(reasons('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }')).toEqual([]);
  });
});
