import { CatalogueErrorCode, catalogueError } from '../catalogue.errors';
import type { CatalogueError } from '../catalogue.errors';
import { FORM_LIMITS, VARIABLE_TYPES, isReferenceType } from './form.model';
import type { ChoiceOption, FormDraft, FormValue, FormVariable, ItemForm, VariableCondition, VariableDraft, VariableType } from './form.model';
import { canonicalDate, compilePattern, readValue } from './variable-value';
import { visibilityOrder } from './visibility-order';

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

type ConstraintField = 'minLength' | 'maxLength' | 'pattern' | 'min' | 'max' | 'integer' | 'minDate' | 'maxDate' | 'options' | 'minSelections' | 'maxSelections';
const CONSTRAINT_FIELDS: readonly ConstraintField[] = ['minLength', 'maxLength', 'pattern', 'min', 'max', 'integer', 'minDate', 'maxDate', 'options', 'minSelections', 'maxSelections'];

/** The constraints each type takes; any other one given is refused (a `pattern` on a number would silently do nothing). */
const CONSTRAINTS: Readonly<Record<VariableType, readonly ConstraintField[]>> = {
  text: ['minLength', 'maxLength', 'pattern'],
  multiline_text: ['minLength', 'maxLength'],
  number: ['min', 'max', 'integer'],
  date: ['minDate', 'maxDate'],
  boolean: [],
  single_choice: ['options'],
  multiple_choice: ['options', 'minSelections', 'maxSelections'],
  person: [],
  group: [],
  configuration_item: [],
  service: [],
};

/**
 * Checks an item form at save and answers it normalised (labels trimmed, dates canonical, every
 * field present). Refuses with CATALOGUE.INVALID_FORM, `details` naming the variable, the field
 * and the reason: a bad or duplicate name, a constraint the type does not take, inconsistent
 * bounds, duplicate or empty options, an invalid pattern, a default that is not a valid value,
 * a condition on an unknown variable or on itself, or visibility conditions in a circle.
 */
export function defineForm(draft: FormDraft): ItemForm {
  if (!Array.isArray(draft.variables)) throw formError('(form)', 'variables', 'not_a_list');
  if (draft.variables.length > FORM_LIMITS.variables) throw formError('(form)', 'variables', `more_than_${FORM_LIMITS.variables}`);
  const seen = new Set<string>();
  const variables = draft.variables.map((v) => {
    const variable = defineVariable(v);
    if (seen.has(variable.name)) throw formError(variable.name, 'name', 'duplicate');
    seen.add(variable.name);
    return variable;
  });
  const byName = new Map(variables.map((v) => [v.name, v]));
  const withConditions = variables.map((v) => ({
    ...v,
    visibleWhen: v.visibleWhen && checkCondition(v.visibleWhen, v.name, 'visibleWhen', byName),
    requiredWhen: v.requiredWhen && checkCondition(v.requiredWhen, v.name, 'requiredWhen', byName),
  }));
  const order = visibilityOrder(withConditions);
  if ('cycle' in order) {
    const [first = '(form)'] = order.cycle;
    throw catalogueError(CatalogueErrorCode.InvalidForm, `The visibility conditions of ${order.cycle.join(' -> ')} depend on each other in a circle.`, {
      variable: first,
      field: 'visibleWhen',
      reason: 'cycle',
      cycle: order.cycle.join(' -> '),
    });
  }
  return { variables: withConditions };
}

function defineVariable(draft: VariableDraft): FormVariable {
  const name = typeof draft.name === 'string' ? draft.name : '';
  if (!NAME.test(name) || name.length > FORM_LIMITS.name) throw formError(name || '(unnamed)', 'name', 'not_an_identifier');
  if (!(VARIABLE_TYPES as readonly string[]).includes(draft.type)) throw formError(name, 'type', 'unknown_type');
  for (const field of CONSTRAINT_FIELDS) {
    if (isGiven(draft[field]) && !CONSTRAINTS[draft.type].includes(field)) throw formError(name, field, `not_for_${draft.type}`);
  }
  if (isChoice(draft.type) && !isGiven(draft.options)) throw formError(name, 'options', 'empty');
  const variable: FormVariable = {
    name,
    label: text(name, 'label', draft.label, FORM_LIMITS.label),
    type: draft.type,
    help: draft.help == null || draft.help.trim() === '' ? null : text(name, 'help', draft.help, FORM_LIMITS.help),
    required: draft.required === true,
    visibleWhen: draft.visibleWhen ?? null,
    requiredWhen: draft.requiredWhen ?? null,
    ...lengths(name, draft),
    pattern: pattern(name, draft.pattern ?? null),
    ...numberBounds(name, draft),
    integer: draft.integer === true,
    ...dateBounds(name, draft),
    options: options(name, draft.options ?? []),
    ...selections(name, draft),
    defaultValue: null,
  };
  if (variable.required && variable.requiredWhen) throw formError(name, 'requiredWhen', 'already_required');
  return { ...variable, defaultValue: defaultValue(variable, draft.defaultValue ?? null) };
}

function lengths(name: string, draft: VariableDraft): Pick<FormVariable, 'minLength' | 'maxLength'> {
  const cap = draft.type === 'multiline_text' ? FORM_LIMITS.multilineText : FORM_LIMITS.text;
  const minLength = count(name, 'minLength', draft.minLength ?? null, 0, cap);
  const maxLength = count(name, 'maxLength', draft.maxLength ?? null, 1, cap);
  if (minLength !== null && maxLength !== null && minLength > maxLength) throw formError(name, 'minLength', 'above_maxLength');
  return { minLength, maxLength };
}

function numberBounds(name: string, draft: VariableDraft): Pick<FormVariable, 'min' | 'max'> {
  const [min, max] = [draft.min ?? null, draft.max ?? null];
  if (min !== null && !Number.isFinite(min)) throw formError(name, 'min', 'not_a_number');
  if (max !== null && !Number.isFinite(max)) throw formError(name, 'max', 'not_a_number');
  if (min !== null && max !== null && min > max) throw formError(name, 'min', 'above_max');
  return { min, max };
}

function dateBounds(name: string, draft: VariableDraft): Pick<FormVariable, 'minDate' | 'maxDate'> {
  const date = (field: 'minDate' | 'maxDate'): string | null => {
    const value = draft[field] ?? null;
    if (value === null) return null;
    const canonical = typeof value === 'string' ? canonicalDate(value) : null;
    if (canonical === null) throw formError(name, field, 'not_a_date');
    return canonical;
  };
  const [minDate, maxDate] = [date('minDate'), date('maxDate')];
  if (minDate !== null && maxDate !== null && minDate > maxDate) throw formError(name, 'minDate', 'after_maxDate');
  return { minDate, maxDate };
}

function selections(name: string, draft: VariableDraft): Pick<FormVariable, 'minSelections' | 'maxSelections'> {
  const available = draft.options?.length ?? 0;
  const minSelections = count(name, 'minSelections', draft.minSelections ?? null, 0, available);
  const maxSelections = count(name, 'maxSelections', draft.maxSelections ?? null, 1, available);
  if (minSelections !== null && maxSelections !== null && minSelections > maxSelections) throw formError(name, 'minSelections', 'above_maxSelections');
  return { minSelections, maxSelections };
}

function pattern(name: string, source: string | null): string | null {
  if (source === null) return null;
  if (typeof source !== 'string' || source === '') throw formError(name, 'pattern', 'empty');
  if (source.length > FORM_LIMITS.pattern) throw formError(name, 'pattern', `longer_than_${FORM_LIMITS.pattern}`);
  try {
    compilePattern(source);
  } catch {
    throw formError(name, 'pattern', 'invalid_regular_expression');
  }
  return source;
}

function options(name: string, drafts: readonly ChoiceOption[]): ChoiceOption[] {
  if (drafts.length > FORM_LIMITS.options) throw formError(name, 'options', `more_than_${FORM_LIMITS.options}`);
  const values = new Set<string>();
  return drafts.map((option) => {
    const value = typeof option.value === 'string' ? option.value.trim() : '';
    if (value === '') throw formError(name, 'options', 'empty_value');
    if (value.length > FORM_LIMITS.optionValue) throw formError(name, 'options', 'value_too_long', { option: value.slice(0, 20) });
    if (values.has(value)) throw formError(name, 'options', 'duplicate_value', { option: value });
    values.add(value);
    return { value, label: text(name, 'options', option.label, FORM_LIMITS.label) };
  });
}

function defaultValue(variable: FormVariable, value: FormValue | null): FormValue | null {
  if (value === null) return null;
  if (isReferenceType(variable.type)) throw formError(variable.name, 'defaultValue', `not_for_${variable.type}`);
  const reading = readValue(variable, value);
  if (reading.kind === 'unset') return null;
  if (reading.kind === 'invalid') throw formError(variable.name, 'defaultValue', reading.reason);
  return reading.value;
}

/** Checks the shape, size and references of a condition and answers it with its values normalised. */
function checkCondition(condition: VariableCondition, owner: string, field: 'visibleWhen' | 'requiredWhen', byName: ReadonlyMap<string, FormVariable>): VariableCondition {
  let nodes = 0;
  const check = (c: VariableCondition, depth: number): VariableCondition => {
    nodes += 1;
    if (depth > FORM_LIMITS.conditionDepth) throw formError(owner, field, `deeper_than_${FORM_LIMITS.conditionDepth}`);
    if (nodes > FORM_LIMITS.conditionNodes) throw formError(owner, field, `more_than_${FORM_LIMITS.conditionNodes}_nodes`);
    if (typeof c !== 'object' || c === null) throw formError(owner, field, 'not_a_condition');
    const keys = Object.keys(c).sort().join(',');
    if (keys === 'all' && Array.isArray((c as { all: unknown }).all)) return { all: (c as { all: VariableCondition[] }).all.map((x) => check(x, depth + 1)) };
    if (keys === 'any' && Array.isArray((c as { any: unknown }).any)) return { any: (c as { any: VariableCondition[] }).any.map((x) => check(x, depth + 1)) };
    if (keys !== 'equals,variable' && keys !== 'isSet,variable') throw formError(owner, field, 'not_a_condition');
    const leaf = c as { variable: unknown; equals?: unknown; isSet?: unknown };
    const target = typeof leaf.variable === 'string' ? byName.get(leaf.variable) : undefined;
    if (leaf.variable === owner) throw formError(owner, field, 'on_itself');
    if (!target) throw formError(owner, field, 'unknown_variable', { on: String(leaf.variable) });
    if (keys === 'isSet,variable') {
      if (typeof leaf.isSet !== 'boolean') throw formError(owner, field, 'isSet_not_boolean', { on: target.name });
      return { variable: target.name, isSet: leaf.isSet };
    }
    if (!Array.isArray(leaf.equals) || leaf.equals.length === 0 || leaf.equals.length > FORM_LIMITS.conditionValues) {
      throw formError(owner, field, 'equals_not_a_list', { on: target.name });
    }
    return { variable: target.name, equals: leaf.equals.map((v: unknown) => conditionValue(target, v, owner, field)) };
  };
  return check(condition, 1);
}

/** A value a condition compares with, valid for the variable it reads (an option of a choice), normalised. */
function conditionValue(target: FormVariable, value: unknown, owner: string, field: string): string | number | boolean {
  const reading = readValue(target.type === 'multiple_choice' ? { ...target, type: 'single_choice' } : target, value);
  if (reading.kind !== 'value' || Array.isArray(reading.value)) throw formError(owner, field, 'value_never_matches', { on: target.name, value: String(value) });
  return reading.value as string | number | boolean;
}

function count(name: string, field: string, value: number | null, min: number, max: number): number | null {
  if (value === null) return null;
  if (!Number.isInteger(value) || value < min || value > max) throw formError(name, field, `not_an_integer_from_${min}_to_${max}`);
  return value;
}

function text(name: string, field: string, value: unknown, max: number): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed === '') throw formError(name, field, 'empty');
  if (trimmed.length > max) throw formError(name, field, `longer_than_${max}`);
  return trimmed;
}

function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && !(Array.isArray(value) && value.length === 0);
}

function isChoice(type: VariableType): boolean {
  return type === 'single_choice' || type === 'multiple_choice';
}

function formError(variable: string, field: string, reason: string, extra: Readonly<Record<string, string>> = {}): CatalogueError {
  return catalogueError(CatalogueErrorCode.InvalidForm, `Variable ${variable}: ${field} ${reason.replace(/_/g, ' ')}.`, { variable, field, reason, ...extra });
}
