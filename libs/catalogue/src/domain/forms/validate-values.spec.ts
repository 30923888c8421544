import { CatalogueErrorCode } from '../catalogue.errors';
import { defineForm } from './define-form';
import type { ItemForm, ReferenceKind, VariableDraft } from './form.model';
import { taskVariables, validateValues } from './validate-values';
import type { ReferenceLookup } from './validate-values';

const laptop = defineForm({
  variables: [
    { name: 'model', label: 'Model', type: 'single_choice', required: true, options: [{ value: 'standard', label: 'Standard' }, { value: 'pro', label: 'Pro' }] },
    {
      name: 'accessories',
      label: 'Accessories',
      type: 'multiple_choice',
      options: [{ value: 'dock', label: 'Dock' }, { value: 'bag', label: 'Bag' }, { value: 'mouse', label: 'Mouse' }],
      maxSelections: 2,
      visibleWhen: { variable: 'model', equals: ['pro'] },
    },
    { name: 'justification', label: 'Justification', type: 'multiline_text', requiredWhen: { variable: 'accessories', isSet: true } },
    { name: 'ram', label: 'RAM (GB)', type: 'number', integer: true, min: 8, max: 64 },
    { name: 'needBy', label: 'Needed by', type: 'date', minDate: '2031-01-01', maxDate: '2031-12-31' },
    { name: 'costCode', label: 'Cost code', type: 'text', pattern: '[A-Z]{2}-\\d{4}' },
    { name: 'nickname', label: 'Nickname', type: 'text', minLength: 3, maxLength: 10 },
    { name: 'forUser', label: 'For', type: 'person' },
    { name: 'manager', label: 'Manager', type: 'person' },
    { name: 'server', label: 'Server', type: 'configuration_item' },
    { name: 'urgent', label: 'Urgent', type: 'boolean' },
    { name: 'express', label: 'Express shipping', type: 'boolean', visibleWhen: { variable: 'urgent', equals: [true] } },
  ],
});

const known = new Set(['p-ada', 'p-bob', 'ci-1']);
function lookup(): ReferenceLookup & { calls: [ReferenceKind, readonly string[]][] } {
  const calls: [ReferenceKind, readonly string[]][] = [];
  return { calls, unknown: (kind, ids) => (calls.push([kind, ids]), ids.filter((id) => !known.has(id))) };
}

async function refusal(form: ItemForm, values: unknown, references: ReferenceLookup = lookup()): Promise<unknown> {
  return validateValues(form, values, references).then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error,
  );
}

function coded(code: CatalogueErrorCode, details: Record<string, unknown>) {
  return expect.objectContaining({ name: 'CatalogueError', code, details: expect.objectContaining(details) });
}

describe('validateValues', () => {
  it('answers the values normalised, in form order, without blanks', async () => {
    const values = await validateValues(
      laptop,
      {
        urgent: false,
        needBy: ' 2031-5-6 ',
        ram: ' 16 ',
        accessories: ['mouse', 'dock', 'mouse'],
        justification: '  travelling a lot\n ',
        model: 'pro',
        costCode: 'AB-1234',
        nickname: '   ',
        forUser: ' p-ada ',
        server: null,
      },
      lookup(),
    );
    expect(values).toEqual({ model: 'pro', accessories: ['dock', 'mouse'], justification: 'travelling a lot', ram: 16, needBy: '2031-05-06', costCode: 'AB-1234', forUser: 'p-ada', urgent: false });
    expect(Object.keys(values)).toEqual(['model', 'accessories', 'justification', 'ram', 'needBy', 'costCode', 'forUser', 'urgent']);
  });

  it('refuses a missing required variable, and a blank one', async () => {
    expect(await refusal(laptop, {})).toEqual(coded(CatalogueErrorCode.MissingVariable, { variable: 'model', reason: 'required' }));
    expect(await refusal(laptop, { model: '' })).toEqual(coded(CatalogueErrorCode.MissingVariable, { variable: 'model' }));
  });

  it('requires a variable when its condition holds, and only then', async () => {
    expect(await refusal(laptop, { model: 'pro', accessories: ['bag'] })).toEqual(coded(CatalogueErrorCode.MissingVariable, { variable: 'justification', reason: 'required_when' }));
    await expect(validateValues(laptop, { model: 'pro', accessories: [] }, lookup())).resolves.toEqual({ model: 'pro' });
  });

  it('shows a variable when its condition holds, and refuses its value when it does not', async () => {
    await expect(validateValues(laptop, { model: 'standard', urgent: true, express: true }, lookup())).resolves.toEqual({ model: 'standard', urgent: true, express: true });
    expect(await refusal(laptop, { model: 'standard', accessories: ['bag'], justification: 'x' })).toEqual(coded(CatalogueErrorCode.HiddenVariable, { variable: 'accessories', reason: 'hidden' }));
    expect(await refusal(laptop, { model: 'standard', urgent: false, express: false })).toEqual(coded(CatalogueErrorCode.HiddenVariable, { variable: 'express' }));
    expect(await refusal(laptop, { model: 'standard', express: 'not even a boolean' })).toEqual(coded(CatalogueErrorCode.HiddenVariable, { variable: 'express' }));
  });

  it('accepts blanks for hidden variables (a portal sends every field)', async () => {
    await expect(validateValues(laptop, { model: 'standard', accessories: [], express: null }, lookup())).resolves.toEqual({ model: 'standard' });
  });

  it('refuses a value for a variable the form does not have', async () => {
    expect(await refusal(laptop, { model: 'pro', colour: 'red' })).toEqual(coded(CatalogueErrorCode.HiddenVariable, { variable: 'colour', reason: 'not_in_form' }));
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['a text for a number', { ram: 'sixteen' }, { variable: 'ram', reason: 'wrong_type' }],
    ['a number below min', { ram: 4 }, { variable: 'ram', reason: 'below_min', limit: 8 }],
    ['a number above max', { ram: '128' }, { variable: 'ram', reason: 'above_max', limit: 64 }],
    ['a fraction for an integer', { ram: 8.5 }, { variable: 'ram', reason: 'not_integer' }],
    ['a date before min', { needBy: '2030-12-31' }, { variable: 'needBy', reason: 'before_min_date', limit: '2031-01-01' }],
    ['a date after max', { needBy: '2032-01-01' }, { variable: 'needBy', reason: 'after_max_date', limit: '2031-12-31' }],
    ['no calendar date', { needBy: '2031-02-29' }, { variable: 'needBy', reason: 'not_a_date' }],
    ['an instant for a date', { needBy: '2031-02-01T00:00:00Z' }, { variable: 'needBy', reason: 'not_a_date' }],
    ['a text off the pattern', { costCode: 'ab-1234' }, { variable: 'costCode', reason: 'pattern' }],
    ['a text matching only part of the pattern', { costCode: 'XAB-12345' }, { variable: 'costCode', reason: 'pattern' }],
    ['a text too short', { nickname: ' ab ' }, { variable: 'nickname', reason: 'too_short', limit: 3 }],
    ['a text too long', { nickname: 'abcdefghijk' }, { variable: 'nickname', reason: 'too_long', limit: 10 }],
    ['a line break in single-line text', { nickname: 'ab\ncd' }, { variable: 'nickname', reason: 'not_single_line' }],
    ['a number for a text', { nickname: 12345 }, { variable: 'nickname', reason: 'wrong_type' }],
    ['a value that is not an option', { model: 'ultra' }, { variable: 'model', reason: 'not_an_option' }],
    ['too many selections', { model: 'pro', accessories: ['dock', 'bag', 'mouse'], justification: 'x' }, { variable: 'accessories', reason: 'too_many_selections', limit: 2 }],
    ['a selection that is not an option', { model: 'pro', accessories: ['dock', 'pen'], justification: 'x' }, { variable: 'accessories', reason: 'not_an_option' }],
    ['one text for a multiple choice', { model: 'pro', accessories: 'dock', justification: 'x' }, { variable: 'accessories', reason: 'wrong_type' }],
    ['a text for a boolean', { urgent: 'yes' }, { variable: 'urgent', reason: 'wrong_type' }],
    ['a reference that is no id', { forUser: 'Ada Lovelace' }, { variable: 'forUser', reason: 'not_an_id' }],
    ['an object for a reference', { forUser: { id: 'p-ada' } }, { variable: 'forUser', reason: 'wrong_type' }],
  ])('refuses %s', async (_name, values, details) => {
    expect(await refusal(laptop, { model: 'standard', ...values })).toEqual(coded(CatalogueErrorCode.InvalidVariable, details));
  });

  it('fills defaults (a bundle\'s) where the variable is shown and not sent; drops those of hidden or unknown variables; a sent null clears one', async () => {
    const defaults = { accessories: ['dock'], justification: 'New starter', ram: 16, gone: 'x' };
    await expect(validateValues(laptop, { model: 'pro' }, lookup(), defaults)).resolves.toEqual({ model: 'pro', accessories: ['dock'], justification: 'New starter', ram: 16 });
    // accessories is hidden for a standard laptop: its default is dropped; justification is always shown, so its default stays.
    await expect(validateValues(laptop, { model: 'standard' }, lookup(), defaults)).resolves.toEqual({ model: 'standard', justification: 'New starter', ram: 16 });
    await expect(validateValues(laptop, { model: 'pro', ram: null }, lookup(), defaults)).resolves.toEqual({ model: 'pro', accessories: ['dock'], justification: 'New starter' });
    // a value the requester sends for a hidden variable is still refused.
    expect(await refusal(laptop, { model: 'standard', accessories: ['bag'] })).toEqual(coded(CatalogueErrorCode.HiddenVariable, { variable: 'accessories', reason: 'hidden' }));
  });

  it('runs an admin pattern with RE2: a nested quantifier over a long value answers (a backtracking engine would not return), full match only', async () => {
    const form = defineForm({ variables: [{ name: 'tag', label: 'Tag', type: 'text', pattern: '(a+)+b', maxLength: 1_000 }] });
    expect(await refusal(form, { tag: `${'a'.repeat(999)}c` })).toEqual(coded(CatalogueErrorCode.InvalidVariable, { variable: 'tag', reason: 'pattern' }));
    expect(await refusal(form, { tag: 'aab!' })).toEqual(coded(CatalogueErrorCode.InvalidVariable, { variable: 'tag', reason: 'pattern' }));
    await expect(validateValues(form, { tag: 'aaab' }, lookup())).resolves.toEqual({ tag: 'aaab' });
  });

  it('refuses an unknown reference, looking each kind up once with each id once', async () => {
    const references = lookup();
    const error = await refusal(laptop, { model: 'standard', forUser: 'p-ada', manager: 'p-zed', server: 'ci-1' }, references);
    expect(error).toEqual(coded(CatalogueErrorCode.UnknownReference, { variable: 'manager', kind: 'person', id: 'p-zed' }));
    expect(references.calls).toEqual([
      ['person', ['p-ada', 'p-zed']],
      ['configuration_item', ['ci-1']],
    ]);
    const same = lookup();
    await validateValues(laptop, { model: 'standard', forUser: 'p-ada', manager: 'p-ada' }, same);
    expect(same.calls).toEqual([['person', ['p-ada']]]);
  });

  it('takes an async lookup', async () => {
    const references: ReferenceLookup = { unknown: (_kind, ids) => Promise.resolve(ids.filter((id) => id !== 'p-ada')) };
    await expect(validateValues(laptop, { model: 'standard', forUser: 'p-ada' }, references)).resolves.toEqual({ model: 'standard', forUser: 'p-ada' });
    expect(await refusal(laptop, { model: 'standard', forUser: 'p-bob' }, references)).toEqual(coded(CatalogueErrorCode.UnknownReference, { variable: 'forUser' }));
  });

  it('throws the first problem in form order, and looks up no reference after it', async () => {
    const references = lookup();
    const error = await refusal(laptop, { model: 'pro', accessories: ['bag'], ram: 2, manager: 'p-zed' }, references);
    expect(error).toEqual(coded(CatalogueErrorCode.MissingVariable, { variable: 'justification' }));
    expect(references.calls).toEqual([]);
    expect(await refusal(laptop, { forUser: 'p-zed', nickname: 'x' })).toEqual(coded(CatalogueErrorCode.MissingVariable, { variable: 'model' }));
    expect(await refusal(laptop, { model: 'standard', forUser: 'p-zed', urgent: 'yes' })).toEqual(coded(CatalogueErrorCode.UnknownReference, { variable: 'forUser' }));
  });

  describe('conditions read the submitted values as shown', () => {
    const ordered = (variables: VariableDraft[]): ItemForm => defineForm({ variables });
    const kind: VariableDraft = { name: 'kind', label: 'Kind', type: 'single_choice', options: [{ value: 'vm', label: 'VM' }, { value: 'bare', label: 'Bare metal' }] };
    const size: VariableDraft = { name: 'size', label: 'Size', type: 'number', visibleWhen: { variable: 'kind', equals: ['vm'] } };

    it('a hidden value does not count for another condition', async () => {
      const form = ordered([{ name: 'reason', label: 'Reason', type: 'text', requiredWhen: { variable: 'size', isSet: true } }, kind, size]);
      expect(await refusal(form, { kind: 'bare', size: 4 })).toEqual(coded(CatalogueErrorCode.HiddenVariable, { variable: 'size' }));
      expect(await refusal(form, { kind: 'vm', size: 4 })).toEqual(coded(CatalogueErrorCode.MissingVariable, { variable: 'reason' }));
    });

    it('hides a whole chain when its head is hidden', async () => {
      const form = ordered([{ name: 'disk', label: 'Disk', type: 'number', visibleWhen: { variable: 'size', isSet: true } }, size, kind]);
      await expect(validateValues(form, { kind: 'vm', size: 4, disk: 100 }, lookup())).resolves.toEqual({ disk: 100, size: 4, kind: 'vm' });
      expect(await refusal(form, { kind: 'bare', disk: 100 })).toEqual(coded(CatalogueErrorCode.HiddenVariable, { variable: 'disk' }));
    });

    it('an invalid value is reported, not the visibility it would have decided', async () => {
      const form = ordered([size, kind]);
      expect(await refusal(form, { kind: 'container', size: 4 })).toEqual(coded(CatalogueErrorCode.InvalidVariable, { variable: 'kind', reason: 'not_an_option' }));
    });

    it('requiredness conditions may read each other: both or neither', async () => {
      const form = ordered([
        { name: 'from', label: 'From', type: 'date', requiredWhen: { variable: 'to', isSet: true } },
        { name: 'to', label: 'To', type: 'date', requiredWhen: { variable: 'from', isSet: true } },
      ]);
      await expect(validateValues(form, {}, lookup())).resolves.toEqual({});
      await expect(validateValues(form, { from: '2031-01-01', to: '2031-01-02' }, lookup())).resolves.toEqual({ from: '2031-01-01', to: '2031-01-02' });
      expect(await refusal(form, { to: '2031-01-02' })).toEqual(coded(CatalogueErrorCode.MissingVariable, { variable: 'from' }));
    });
  });

  it('refuses variables that are not an object', async () => {
    expect(await refusal(laptop, ['pro'])).toEqual(coded(CatalogueErrorCode.InvalidInput, { field: 'variables' }));
  });
});

describe('taskVariables', () => {
  it('answers only the named values, in form order, leaving out those without a value', () => {
    const values = { model: 'pro', ram: 16, forUser: 'p-ada', urgent: true };
    expect(taskVariables(laptop, values, ['urgent', 'model', 'accessories', 'colour'])).toEqual({ model: 'pro', urgent: true });
    expect(Object.keys(taskVariables(laptop, values, ['urgent', 'model']))).toEqual(['model', 'urgent']);
  });
});
