import { canonicalDate, formStatus, holds, initialValues, readValue } from './form-rules';
import type { FormVariableData } from './form-rules';

const base: Omit<FormVariableData, 'name' | 'label' | 'type'> = {
  reference: null,
  help: null,
  required: false,
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
  options: [],
  minSelections: null,
  maxSelections: null,
  defaultValue: null,
};
const variable = (name: string, type: FormVariableData['type'], extra: Partial<FormVariableData> = {}): FormVariableData => ({ ...base, name, label: name, type, ...extra });
const wantsDock = JSON.stringify({ variable: 'dock', equals: [true] });

/** The demo laptop's form as the gateway answers it, the dock model listed before what it reads. */
const laptop = [
  variable('dockModel', 'single_choice', { visibleWhen: wantsDock, requiredWhen: wantsDock, options: [{ value: 'usb-c', label: 'USB-C' }] }),
  variable('model', 'single_choice', { required: true, defaultValue: '"standard-14"', options: [{ value: 'standard-14', label: '14"' }] }),
  variable('dock', 'boolean', { defaultValue: 'false' }),
  variable('deliverTo', 'text', { required: true, maxLength: 200 }),
];

describe('catalogue form rules (the server\'s semantics)', () => {
  it('starts from the defaults and hides a conditional variable until its condition holds, then requires it', () => {
    const start = initialValues(laptop);
    expect(start).toEqual({ model: 'standard-14', dock: false });
    expect(formStatus(laptop, start).of.get('dockModel')).toEqual({ shown: false, required: false });
    expect(formStatus(laptop, { ...start, dock: true }).of.get('dockModel')).toEqual({ shown: true, required: true });
    expect(formStatus(laptop, start).of.get('deliverTo')).toEqual({ shown: true, required: true });
  });

  it('sends only what is shown and not blank: a hidden variable keeps no value', () => {
    expect(formStatus(laptop, { model: 'standard-14', dock: false, dockModel: 'usb-c', deliverTo: '  ' }).submit).toEqual({ model: 'standard-14', dock: false });
    expect(formStatus(laptop, { model: 'standard-14', dock: true, dockModel: 'usb-c', deliverTo: 'Desk 4' }).submit).toEqual({ model: 'standard-14', dock: true, dockModel: 'usb-c', deliverTo: 'Desk 4' });
  });

  it('hides through a chain: a variable reading a hidden one sees no value', () => {
    const form = [variable('a', 'boolean'), variable('b', 'text', { visibleWhen: JSON.stringify({ variable: 'a', equals: [true] }) }), variable('c', 'text', { visibleWhen: JSON.stringify({ variable: 'b', isSet: true }) })];
    expect(formStatus(form, { a: false, b: 'x' }).of.get('c')?.shown).toBe(false);
    expect(formStatus(form, { a: true, b: 'x' }).of.get('c')?.shown).toBe(true);
  });

  it('leaves a condition on an invalid value undecided: shown, not required', () => {
    const form = [variable('n', 'number', { max: 5 }), variable('why', 'text', { visibleWhen: JSON.stringify({ variable: 'n', isSet: true }), requiredWhen: JSON.stringify({ variable: 'n', isSet: true }) })];
    expect(formStatus(form, { n: '9' }).of.get('why')).toEqual({ shown: true, required: false });
    expect(formStatus(form, { n: '' }).of.get('why')).toEqual({ shown: false, required: false });
    expect(formStatus(form, { n: '3' }).of.get('why')).toEqual({ shown: true, required: true });
  });

  it('evaluates equals on multiple choices by any chosen option, all of nothing holds and any of nothing does not', () => {
    expect(holds({ variable: 'm', equals: ['b'] }, () => ['a', 'b'])).toBe(true);
    expect(holds({ all: [] }, () => undefined)).toBe(true);
    expect(holds({ any: [] }, () => undefined)).toBe(false);
    expect(holds({ variable: 'x', isSet: false }, () => undefined)).toBe(true);
  });

  it('reads values as the server does: trimmed text, decimal text as numbers, canonical dates, choices in option order', () => {
    expect(readValue(variable('t', 'text', { pattern: 'CC-[0-9]{4}' }), ' CC-1234 ')).toEqual({ kind: 'value', value: 'CC-1234' });
    expect(readValue(variable('t', 'text', { pattern: 'CC-[0-9]{4}' }), 'xCC-1234').kind).toBe('invalid');
    expect(readValue(variable('n', 'number', { integer: true }), '2.5').kind).toBe('invalid');
    expect(readValue(variable('n', 'number'), ' 7 ')).toEqual({ kind: 'value', value: 7 });
    expect(readValue(variable('d', 'date', { minDate: '2030-01-01' }), '2029-12-31').kind).toBe('invalid');
    expect(canonicalDate('2031-2-3')).toBe('2031-02-03');
    expect(canonicalDate('2031-02-30')).toBeNull();
    const multi = variable('m', 'multiple_choice', { options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }], maxSelections: 2 });
    expect(readValue(multi, ['b', 'a', 'b'])).toEqual({ kind: 'value', value: ['a', 'b'] });
    expect(readValue(multi, ['z']).kind).toBe('invalid');
    expect(readValue(variable('p', 'person'), ' u-1 ')).toEqual({ kind: 'value', value: 'u-1' });
  });
});
