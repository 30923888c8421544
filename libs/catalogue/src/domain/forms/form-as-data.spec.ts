import { defineForm } from './define-form';
import { formAsData } from './form-as-data';

const form = defineForm({
  variables: [
    { name: 'model', label: 'Model', type: 'single_choice', required: true, options: [{ value: 'pro', label: 'Pro' }, { value: 'standard', label: 'Standard' }], defaultValue: 'standard' },
    {
      name: 'accessories',
      label: 'Accessories',
      type: 'multiple_choice',
      help: 'Pro models only',
      options: [{ value: 'dock', label: 'Dock' }, { value: 'bag', label: 'Bag' }],
      defaultValue: ['bag'],
      visibleWhen: { any: [{ variable: 'model', equals: ['pro'] }, { variable: 'owner', isSet: true }] },
    },
    { name: 'owner', label: 'Owner', type: 'person' },
    { name: 'notes', label: 'Notes', type: 'multiline_text' },
    { name: 'code', label: 'Code', type: 'text', maxLength: 7, pattern: '[A-Z]{2}-\\d{4}' },
  ],
});

describe('formAsData', () => {
  it('describes each variable with every field, in form order, with the reference kind and the text bound a portal enforces', () => {
    const data = formAsData(form);
    expect(data.variables.map((v) => v.name)).toEqual(['model', 'accessories', 'owner', 'notes', 'code']);
    expect(data.variables[1]).toEqual({
      name: 'accessories',
      label: 'Accessories',
      type: 'multiple_choice',
      reference: null,
      help: 'Pro models only',
      required: false,
      visibleWhen: { any: [{ variable: 'model', equals: ['pro'] }, { variable: 'owner', isSet: true }] },
      requiredWhen: null,
      minLength: null,
      maxLength: null,
      pattern: null,
      min: null,
      max: null,
      integer: false,
      minDate: null,
      maxDate: null,
      options: [{ value: 'dock', label: 'Dock' }, { value: 'bag', label: 'Bag' }],
      minSelections: null,
      maxSelections: null,
      defaultValue: ['bag'],
    });
    expect(data.variables.map((v) => [v.reference, v.maxLength])).toEqual([
      [null, null],
      [null, null],
      ['person', null],
      [null, 20_000],
      [null, 7],
    ]);
  });

  it('is plain data: it survives JSON and sharing it cannot change the form', () => {
    const data = formAsData(form);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    const [model, accessories] = [data.variables[0]!, data.variables[1]!];
    expect(model.options).not.toBe(form.variables[0]!.options);
    expect(model.options[0]).not.toBe(form.variables[0]!.options[0]);
    expect(accessories.visibleWhen).not.toBe(form.variables[1]!.visibleWhen);
    expect(accessories.defaultValue).not.toBe(form.variables[1]!.defaultValue);
  });
});
