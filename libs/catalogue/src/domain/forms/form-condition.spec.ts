import { conditionVariables, evaluateCondition } from './form-condition';
import type { FormValue, VariableCondition } from './form.model';

const values: Readonly<Record<string, FormValue>> = { model: 'pro', ram: 16, urgent: false, extras: ['dock', 'bag'] };
const valueOf = (name: string): FormValue | undefined => values[name];

describe('evaluateCondition', () => {
  it.each<[string, VariableCondition, boolean]>([
    ['equals one of the values', { variable: 'model', equals: ['standard', 'pro'] }, true],
    ['equals none of the values', { variable: 'model', equals: ['standard'] }, false],
    ['equals a number', { variable: 'ram', equals: [16] }, true],
    ['a number is not its text', { variable: 'ram', equals: ['16'] }, false],
    ['is true, on false', { variable: 'urgent', equals: [true] }, false],
    ['is false', { variable: 'urgent', equals: [false] }, true],
    ['a multiple choice including a listed option', { variable: 'extras', equals: ['mouse', 'bag'] }, true],
    ['a multiple choice including none', { variable: 'extras', equals: ['mouse'] }, false],
    ['equals on a variable without a value', { variable: 'owner', equals: ['p-ada'] }, false],
    ['is set, false counts as a value', { variable: 'urgent', isSet: true }, true],
    ['is set, without a value', { variable: 'owner', isSet: true }, false],
    ['is not set', { variable: 'owner', isSet: false }, true],
    ['all of nothing', { all: [] }, true],
    ['any of nothing', { any: [] }, false],
    ['all with one false', { all: [{ variable: 'model', equals: ['pro'] }, { variable: 'owner', isSet: true }] }, false],
    ['any with one true', { any: [{ variable: 'model', equals: ['standard'] }, { variable: 'owner', isSet: false }] }, true],
  ])('%s', (_name, condition, expected) => {
    expect(evaluateCondition(condition, valueOf)).toBe(expected);
  });
});

describe('conditionVariables', () => {
  it('names each variable read once, in order', () => {
    expect(conditionVariables({ any: [{ variable: 'b', isSet: true }, { all: [{ variable: 'a', equals: [1] }, { variable: 'b', isSet: false }] }] })).toEqual(['b', 'a']);
  });
});
