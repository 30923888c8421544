import { variableEntries } from './variable-entries';

describe('variable entries', () => {
  it('lists a requested item\'s values in their order, choices joined, booleans as words', () => {
    expect(variableEntries('{"model":"standard-14","dock":true,"extras":["a","b"],"cpu":2}', (v) => (v ? 'yes' : 'no'))).toEqual([
      ['model', 'standard-14'],
      ['dock', 'yes'],
      ['extras', 'a, b'],
      ['cpu', '2'],
    ]);
  });
  it('shows nothing for text that is no object', () => {
    expect(variableEntries('[1]')).toEqual([]);
    expect(variableEntries('{oops')).toEqual([]);
  });
});
