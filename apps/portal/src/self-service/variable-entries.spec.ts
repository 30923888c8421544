import type { FormVariableData } from '../catalogue/form-rules';
import { variableEntries } from './variable-entries';

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

describe('variable entries', () => {
  const json = '{"model":"standard-14","dock":true,"extras":["a","b"],"cpu":2}';

  it('lists a requested item\'s values in their order by name without the form, choices joined, booleans as words', () => {
    expect(variableEntries(json, yesNo)).toEqual([
      ['model', 'standard-14'],
      ['dock', 'yes'],
      ['extras', 'a, b'],
      ['cpu', '2'],
    ]);
  });

  it('uses the form\'s labels for variables and options where it has them', () => {
    const form = [
      { name: 'model', label: 'Model', options: [{ value: 'standard-14', label: 'Standard 14"' }] },
      { name: 'extras', label: 'Extras', options: [{ value: 'a', label: 'Bag' }] },
    ] as unknown as FormVariableData[];
    expect(variableEntries(json, yesNo, form)).toEqual([
      ['Model', 'Standard 14"'],
      ['dock', 'yes'],
      ['Extras', 'Bag, b'],
      ['cpu', '2'],
    ]);
  });

  it('shows nothing for text that is no object', () => {
    expect(variableEntries('[1]', yesNo)).toEqual([]);
    expect(variableEntries('{oops', yesNo)).toEqual([]);
  });
});
