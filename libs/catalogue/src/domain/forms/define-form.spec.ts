import { CatalogueErrorCode } from '../catalogue.errors';
import { defineForm } from './define-form';
import type { VariableDraft } from './form.model';

const model: VariableDraft = { name: 'model', label: 'Model', type: 'single_choice', required: true, options: [{ value: 'standard', label: 'Standard' }, { value: 'pro', label: 'Pro' }] };

function expectInvalidForm(variables: readonly VariableDraft[], details: Record<string, string>): void {
  expect(() => defineForm({ variables })).toThrow(expect.objectContaining({ name: 'CatalogueError', code: CatalogueErrorCode.InvalidForm, details: expect.objectContaining(details) }));
}

describe('defineForm', () => {
  it('answers the form normalised: labels trimmed, dates and condition values canonical, every field present', () => {
    const form = defineForm({
      variables: [
        { ...model, label: '  Model ' },
        { name: 'needBy', label: 'Needed by', type: 'date', minDate: '2031-1-5', defaultValue: '2031-2-1', visibleWhen: { variable: 'ram', equals: ['16'] } },
        { name: 'ram', label: 'RAM (GB)', type: 'number', integer: true, min: 8, max: 64 },
      ],
    });
    expect(form.variables[0]).toEqual({
      name: 'model',
      label: 'Model',
      type: 'single_choice',
      help: null,
      required: true,
      visibleWhen: null,
      requiredWhen: null,
      minLength: null,
      maxLength: null,
      pattern: null,
      min: null,
      max: null,
      integer: false,
      minDate: null,
      maxDate: null,
      options: [{ value: 'standard', label: 'Standard' }, { value: 'pro', label: 'Pro' }],
      minSelections: null,
      maxSelections: null,
      defaultValue: null,
    });
    expect(form.variables[1]).toMatchObject({ minDate: '2031-01-05', defaultValue: '2031-02-01', visibleWhen: { variable: 'ram', equals: [16] } });
  });

  it('accepts every type, a valid pattern, all/any conditions and requiredness conditions that read each other', () => {
    const form = defineForm({
      variables: [
        model,
        { name: 'costCode', label: 'Cost code', type: 'text', pattern: '[A-Z]{2}-\\d{4}', minLength: 7, maxLength: 7 },
        { name: 'notes', label: 'Notes', type: 'multiline_text', requiredWhen: { variable: 'owner', isSet: true } },
        { name: 'owner', label: 'Owner', type: 'person', requiredWhen: { variable: 'notes', isSet: true } },
        { name: 'team', label: 'Team', type: 'group' },
        { name: 'server', label: 'Server', type: 'configuration_item' },
        { name: 'service', label: 'Service', type: 'service' },
        { name: 'urgent', label: 'Urgent', type: 'boolean', defaultValue: false },
        {
          name: 'extras',
          label: 'Extras',
          type: 'multiple_choice',
          options: [{ value: 'dock', label: 'Dock' }, { value: 'bag', label: 'Bag' }],
          minSelections: 1,
          maxSelections: 2,
          defaultValue: ['bag', 'dock'],
          visibleWhen: { all: [{ variable: 'model', equals: ['pro'] }, { any: [{ variable: 'urgent', equals: [true] }, { variable: 'owner', isSet: false }] }] },
        },
      ],
    });
    expect(form.variables.map((v) => v.type)).toEqual(['single_choice', 'text', 'multiline_text', 'person', 'group', 'configuration_item', 'service', 'boolean', 'multiple_choice']);
    expect(form.variables[8]?.defaultValue).toEqual(['dock', 'bag']);
  });

  it.each<[string, VariableDraft[], Record<string, string>]>([
    ['a name that is no identifier', [{ name: '1cpu', label: 'CPU', type: 'number' }], { variable: '1cpu', field: 'name', reason: 'not_an_identifier' }],
    ['a name that could reach the prototype', [{ name: '__proto__', label: 'P', type: 'text' }], { variable: '__proto__', field: 'name', reason: 'not_an_identifier' }],
    ['a duplicate name', [model, { ...model, label: 'Again' }], { variable: 'model', field: 'name', reason: 'duplicate' }],
    ['an empty label', [{ name: 'cpu', label: '  ', type: 'number' }], { variable: 'cpu', field: 'label', reason: 'empty' }],
    ['an unknown type', [{ name: 'cpu', label: 'CPU', type: 'float' as never }], { variable: 'cpu', field: 'type', reason: 'unknown_type' }],
    ['a constraint the type does not take', [{ name: 'cpu', label: 'CPU', type: 'number', pattern: '\\d+' }], { variable: 'cpu', field: 'pattern', reason: 'not_for_number' }],
    ['options on a text', [{ name: 'cpu', label: 'CPU', type: 'text', options: [{ value: 'a', label: 'A' }] }], { variable: 'cpu', field: 'options', reason: 'not_for_text' }],
    ['min above max', [{ name: 'cpu', label: 'CPU', type: 'number', min: 8, max: 2 }], { variable: 'cpu', field: 'min', reason: 'above_max' }],
    ['minLength above maxLength', [{ name: 'code', label: 'Code', type: 'text', minLength: 9, maxLength: 3 }], { variable: 'code', field: 'minLength', reason: 'above_maxLength' }],
    ['a negative minLength', [{ name: 'code', label: 'Code', type: 'text', minLength: -1 }], { variable: 'code', field: 'minLength' }],
    ['minDate after maxDate', [{ name: 'on', label: 'On', type: 'date', minDate: '2031-02-01', maxDate: '2031-01-31' }], { variable: 'on', field: 'minDate', reason: 'after_maxDate' }],
    ['a bound that is no calendar date', [{ name: 'on', label: 'On', type: 'date', maxDate: '2031-02-30' }], { variable: 'on', field: 'maxDate', reason: 'not_a_date' }],
    ['a choice without options', [{ name: 'size', label: 'Size', type: 'single_choice' }], { variable: 'size', field: 'options', reason: 'empty' }],
    ['an empty option value', [{ name: 'size', label: 'Size', type: 'single_choice', options: [{ value: ' ', label: 'Blank' }] }], { variable: 'size', field: 'options', reason: 'empty_value' }],
    ['an option without label', [{ name: 'size', label: 'Size', type: 'single_choice', options: [{ value: 's', label: '' }] }], { variable: 'size', field: 'options', reason: 'empty' }],
    [
      'a duplicate option value',
      [{ name: 'size', label: 'Size', type: 'single_choice', options: [{ value: 's', label: 'Small' }, { value: ' s', label: 'Also small' }] }],
      { variable: 'size', field: 'options', reason: 'duplicate_value', option: 's' },
    ],
    [
      'more selections than options',
      [{ name: 'extras', label: 'Extras', type: 'multiple_choice', options: [{ value: 'a', label: 'A' }], maxSelections: 2 }],
      { variable: 'extras', field: 'maxSelections' },
    ],
    ['an invalid regular expression', [{ name: 'code', label: 'Code', type: 'text', pattern: '([A-Z]+' }], { variable: 'code', field: 'pattern', reason: 'invalid_regular_expression' }],
    ['a pattern that would escape its anchors', [{ name: 'code', label: 'Code', type: 'text', pattern: 'a)|(b' }], { variable: 'code', field: 'pattern', reason: 'invalid_regular_expression' }],
    ['a pattern invalid under the u flag', [{ name: 'code', label: 'Code', type: 'text', pattern: '\\q' }], { variable: 'code', field: 'pattern', reason: 'invalid_regular_expression' }],
    ['a look-ahead (a backtracking-only construct, refused: patterns run with RE2)', [{ name: 'code', label: 'Code', type: 'text', pattern: '(?=A)[A-Z]+' }], { variable: 'code', field: 'pattern', reason: 'invalid_regular_expression' }],
    ['a back-reference', [{ name: 'code', label: 'Code', type: 'text', pattern: '(a)\\1' }], { variable: 'code', field: 'pattern', reason: 'invalid_regular_expression' }],
    ['a pattern longer than 200', [{ name: 'code', label: 'Code', type: 'text', pattern: 'a'.repeat(201) }], { variable: 'code', field: 'pattern', reason: 'longer_than_200' }],
    ['a pattern on multi-line text', [{ name: 'notes', label: 'Notes', type: 'multiline_text', pattern: '.*' }], { variable: 'notes', field: 'pattern', reason: 'not_for_multiline_text' }],
    ['a default that is not an option', [{ ...model, defaultValue: 'ultra' }], { variable: 'model', field: 'defaultValue', reason: 'not_an_option' }],
    ['a default out of bounds', [{ name: 'ram', label: 'RAM', type: 'number', max: 64, defaultValue: 128 }], { variable: 'ram', field: 'defaultValue', reason: 'above_max' }],
    ['a default for a reference', [{ name: 'owner', label: 'Owner', type: 'person', defaultValue: 'p-1' }], { variable: 'owner', field: 'defaultValue', reason: 'not_for_person' }],
    ['a condition on an unknown variable', [model, { name: 'extras', label: 'Extras', type: 'text', visibleWhen: { variable: 'colour', isSet: true } }], { variable: 'extras', field: 'visibleWhen', reason: 'unknown_variable', on: 'colour' }],
    ['a condition on itself', [{ name: 'extras', label: 'Extras', type: 'text', requiredWhen: { variable: 'extras', isSet: true } }], { variable: 'extras', field: 'requiredWhen', reason: 'on_itself' }],
    [
      'a condition value that can never match',
      [model, { name: 'extras', label: 'Extras', type: 'text', visibleWhen: { any: [{ variable: 'model', equals: ['ultra'] }] } }],
      { variable: 'extras', field: 'visibleWhen', reason: 'value_never_matches', on: 'model', value: 'ultra' },
    ],
    ['an empty equals list', [model, { name: 'extras', label: 'Extras', type: 'text', visibleWhen: { variable: 'model', equals: [] } }], { variable: 'extras', field: 'visibleWhen', reason: 'equals_not_a_list' }],
    [
      'a condition of no known shape',
      [model, { name: 'extras', label: 'Extras', type: 'text', visibleWhen: { variable: 'model', equals: ['pro'], isSet: true } as never }],
      { variable: 'extras', field: 'visibleWhen', reason: 'not_a_condition' },
    ],
    [
      'a condition nested deeper than 4',
      [model, { name: 'extras', label: 'Extras', type: 'text', visibleWhen: { all: [{ all: [{ all: [{ all: [{ variable: 'model', isSet: true }] }] }] }] } }],
      { variable: 'extras', field: 'visibleWhen', reason: 'deeper_than_4' },
    ],
    ['requiredWhen on an always required variable', [model, { name: 'extras', label: 'Extras', type: 'text', required: true, requiredWhen: { variable: 'model', isSet: true } }], { variable: 'extras', field: 'requiredWhen', reason: 'already_required' }],
  ])('refuses %s', (_name, variables, details) => {
    expectInvalidForm(variables, details);
  });

  it('accepts a condition nested exactly 4 deep', () => {
    expect(() => defineForm({ variables: [model, { name: 'extras', label: 'Extras', type: 'text', visibleWhen: { all: [{ all: [{ all: [{ variable: 'model', isSet: true }] }] }] } }] })).not.toThrow();
  });

  it('refuses visibility conditions in a circle, naming it', () => {
    expectInvalidForm(
      [
        model,
        { name: 'a', label: 'A', type: 'text', visibleWhen: { variable: 'b', isSet: true } },
        { name: 'b', label: 'B', type: 'text', visibleWhen: { any: [{ variable: 'model', isSet: true }, { variable: 'c', isSet: true }] } },
        { name: 'c', label: 'C', type: 'text', visibleWhen: { variable: 'a', equals: ['x'] } },
      ],
      { variable: 'a', field: 'visibleWhen', reason: 'cycle', cycle: 'a -> b -> c -> a' },
    );
  });

  it('accepts a chain of visibility conditions declared in any order', () => {
    const chain: VariableDraft[] = [
      { name: 'a', label: 'A', type: 'text', visibleWhen: { variable: 'b', isSet: true } },
      { name: 'b', label: 'B', type: 'text', visibleWhen: { variable: 'c', isSet: true } },
      { name: 'c', label: 'C', type: 'text' },
    ];
    expect(defineForm({ variables: chain }).variables.map((v) => v.name)).toEqual(['a', 'b', 'c']);
  });

  it('refuses more than 100 variables', () => {
    const variables = Array.from({ length: 101 }, (_, i): VariableDraft => ({ name: `v${i}`, label: `V${i}`, type: 'boolean' }));
    expectInvalidForm(variables, { field: 'variables', reason: 'more_than_100' });
    expect(() => defineForm({ variables: variables.slice(0, 100) })).not.toThrow();
  });
});
