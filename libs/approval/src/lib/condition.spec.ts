import { ApprovalErrorCode } from './approval.errors';
import { evaluateCondition, parseCondition } from './condition';
import type { Condition, Facts } from './condition';

const facts: Facts = { model: 'standard', risk: 'low', riskRank: 0, leadDays: 3, emergency: false, serviceIds: ['svc-pay', 'svc-mail'], assignee: null };

function expectInvalid(input: unknown, path: RegExp): void {
  expect(() => parseCondition(input)).toThrow(
    expect.objectContaining({ name: 'ApprovalError', code: ApprovalErrorCode.InvalidCondition, details: expect.objectContaining({ path: expect.stringMatching(path) }) }),
  );
}

describe('evaluateCondition', () => {
  it.each<[string, Condition, boolean]>([
    ['eq text', { fact: 'model', op: 'eq', value: 'standard' }, true],
    ['eq text, other value', { fact: 'model', op: 'eq', value: 'normal' }, false],
    ['ne', { fact: 'model', op: 'ne', value: 'normal' }, true],
    ['eq boolean', { fact: 'emergency', op: 'eq', value: false }, true],
    ['eq null on a null fact', { fact: 'assignee', op: 'eq', value: null }, true],
    ['eq null on a missing fact', { fact: 'nothing', op: 'eq', value: null }, true],
    ['in', { fact: 'risk', op: 'in', value: ['low', 'moderate'] }, true],
    ['in, absent', { fact: 'risk', op: 'in', value: ['high'] }, false],
    ['not_in', { fact: 'risk', op: 'not_in', value: ['high'] }, true],
    ['not_in on a missing fact', { fact: 'nothing', op: 'not_in', value: ['high'] }, true],
    ['in on a missing fact', { fact: 'nothing', op: 'in', value: ['high'] }, false],
    ['contains', { fact: 'serviceIds', op: 'contains', value: 'svc-pay' }, true],
    ['contains, absent', { fact: 'serviceIds', op: 'contains', value: 'svc-hr' }, false],
    ['contains on a text fact', { fact: 'model', op: 'contains', value: 'standard' }, false],
    ['lt', { fact: 'leadDays', op: 'lt', value: 5 }, true],
    ['lte at the bound', { fact: 'leadDays', op: 'lte', value: 3 }, true],
    ['gt at the bound', { fact: 'leadDays', op: 'gt', value: 3 }, false],
    ['gte', { fact: 'leadDays', op: 'gte', value: 3 }, true],
    ['lt on a text fact never holds', { fact: 'model', op: 'lt', value: 5 }, false],
    ['all of nothing holds', { all: [] }, true],
    ['any of nothing does not', { any: [] }, false],
    ['low-risk standard', { all: [{ fact: 'model', op: 'eq', value: 'standard' }, { fact: 'risk', op: 'eq', value: 'low' }] }, true],
    ['all with one false', { all: [{ fact: 'model', op: 'eq', value: 'standard' }, { fact: 'risk', op: 'eq', value: 'high' }] }, false],
    ['any with one true', { any: [{ fact: 'model', op: 'eq', value: 'normal' }, { fact: 'riskRank', op: 'lte', value: 1 }] }, true],
    ['not', { not: { fact: 'emergency', op: 'eq', value: true } }, true],
  ])('%s', (_name, condition, expected) => {
    expect(evaluateCondition(condition, facts)).toBe(expected);
  });

  it('eq on lists compares element by element', () => {
    expect(evaluateCondition({ fact: 'serviceIds', op: 'eq', value: ['svc-pay', 'svc-mail'] }, facts)).toBe(true);
    expect(evaluateCondition({ fact: 'serviceIds', op: 'eq', value: ['svc-pay'] }, facts)).toBe(false);
    expect(evaluateCondition({ fact: 'model', op: 'eq', value: ['standard'] }, facts)).toBe(false);
  });
});

describe('parseCondition', () => {
  it('reads every shape back as given', () => {
    const input = { any: [{ all: [{ fact: 'model', op: 'eq', value: 'standard' }, { fact: 'risk', op: 'in', value: ['low'] }] }, { not: { fact: 'riskRank', op: 'gt', value: 1 } }] };
    expect(parseCondition(JSON.parse(JSON.stringify(input)))).toEqual(input);
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', 'model = standard', /^\$$/],
    ['a list at the top', [], /^\$$/],
    ['an unknown shape', { fact: 'model', op: 'eq' }, /^\$$/],
    ['extra keys', { fact: 'model', op: 'eq', value: 'x', extra: 1 }, /^\$$/],
    ['two joins at once', { all: [], any: [] }, /^\$$/],
    ['all of a non-list', { all: { fact: 'model', op: 'eq', value: 'x' } }, /^\$\.all$/],
    ['a bad child', { all: [{ fact: 'model', op: 'eq', value: 'x' }, 7] }, /^\$\.all\[1\]$/],
    ['an unknown operator', { fact: 'model', op: 'like', value: 'x' }, /\.op$/],
    ['a bad fact name', { fact: '1model', op: 'eq', value: 'x' }, /\.fact$/],
    ['a code-looking fact name', { fact: 'constructor()', op: 'eq', value: 'x' }, /\.fact$/],
    ['in with a text', { fact: 'risk', op: 'in', value: 'low' }, /\.value$/],
    ['in with numbers', { fact: 'risk', op: 'in', value: [1] }, /\.value$/],
    ['lt with a text', { fact: 'leadDays', op: 'lt', value: '5' }, /\.value$/],
    ['lt with infinity', { fact: 'leadDays', op: 'lt', value: Number.POSITIVE_INFINITY }, /\.value$/],
    ['eq with an object', { fact: 'model', op: 'eq', value: { a: 1 } }, /\.value$/],
    ['contains with a list', { fact: 'serviceIds', op: 'contains', value: ['a'] }, /\.value$/],
  ])('refuses %s', (_name, input, path) => {
    expectInvalid(input, path);
  });

  it('refuses a tree deeper than 6 or larger than 64 nodes', () => {
    let deep: unknown = { fact: 'model', op: 'eq', value: 'x' };
    for (let i = 0; i < 6; i++) deep = { not: deep };
    expectInvalid(deep, /not/);
    const wide = { any: Array.from({ length: 64 }, () => ({ fact: 'model', op: 'eq', value: 'x' })) };
    expectInvalid(wide, /any\[63\]/);
    expect(() => parseCondition({ any: wide.any.slice(0, 63) })).not.toThrow();
  });
});
