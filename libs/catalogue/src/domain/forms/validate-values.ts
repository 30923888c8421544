import { CatalogueErrorCode, catalogueError } from '../catalogue.errors';
import type { CatalogueError } from '../catalogue.errors';
import { conditionVariables, evaluateCondition } from './form-condition';
import { REFERENCE_KINDS, isReferenceType } from './form.model';
import type { FormValue, FormValues, FormVariable, ItemForm, ReferenceKind, VariableCondition } from './form.model';
import { readValue } from './variable-value';
import { visibilityOrder } from './visibility-order';

/** The port to the records references name: which of `ids` (of one kind) it does not know. Sync or async. */
export interface ReferenceLookup {
  unknown(kind: ReferenceKind, ids: readonly string[]): readonly string[] | Promise<readonly string[]>;
}

/** What pass one learnt of a variable: hidden, visible without or with a value, or undecided (its value, or one its visibility reads, is invalid). */
type State = { readonly status: 'hidden' | 'unset' | 'undecided' } | { readonly status: 'value'; readonly value: FormValue };

/**
 * Checks submitted values against a form and answers them normalised, in form order, with only
 * visible variables that have a value. Visibility and requiredness are decided on the submitted
 * values; a hidden variable has no value for other conditions. Refuses, first a name the form does
 * not have, then the first problem in form order:
 * CATALOGUE.HIDDEN_VARIABLE (a value for a hidden or unknown variable), CATALOGUE.INVALID_VARIABLE
 * (`details.reason`), CATALOGUE.MISSING_VARIABLE, CATALOGUE.UNKNOWN_REFERENCE (`details.kind`, `details.id`).
 * References are looked up once per kind, only for the variables before the first other problem.
 * `defaults` (a bundle's, checked when it was saved) fill the variables not submitted that are
 * visible for the values so far; a default of a hidden variable, or of a name the form no longer
 * has, is dropped rather than refused (a submitted null clears a default).
 */
export async function validateValues(form: ItemForm, values: unknown, references: ReferenceLookup, defaults: FormValues = {}): Promise<FormValues> {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw catalogueError(CatalogueErrorCode.InvalidInput, 'The variables must be an object of name: value.', { field: 'variables' });
  }
  const submitted = values as Readonly<Record<string, unknown>>;
  const byName = new Map(form.variables.map((v) => [v.name, v]));
  for (const name of Object.keys(submitted)) {
    if (!byName.has(name) && !isBlank(submitted[name])) throw problem(CatalogueErrorCode.HiddenVariable, name, `The form has no variable ${name}.`, { reason: 'not_in_form' });
  }

  const states = readStates(form, submitted, defaults);
  const problems = new Map<string, CatalogueError>(states.problems);
  const decided = (names: readonly string[]): boolean => names.every((n) => states.of.get(n)?.status !== 'undecided');
  for (const variable of form.variables) {
    if (states.of.get(variable.name)?.status !== 'unset' || problems.has(variable.name)) continue;
    const when = variable.requiredWhen;
    const required = variable.required || (when !== null && decided(conditionVariables(when)) && evaluateCondition(when, states.valueOf));
    if (required) {
      const reason = variable.required ? 'required' : 'required_when';
      problems.set(variable.name, problem(CatalogueErrorCode.MissingVariable, variable.name, `${variable.label} is required.`, { reason }));
    }
  }

  const firstProblem = form.variables.findIndex((v) => problems.has(v.name));
  const before = firstProblem < 0 ? form.variables : form.variables.slice(0, firstProblem);
  await checkReferences(before, states.valueOf, references);
  const first = form.variables[firstProblem];
  if (first) throw problems.get(first.name) as CatalogueError;
  return Object.fromEntries(form.variables.flatMap((v) => {
    const value = states.valueOf(v.name);
    return value === undefined ? [] : [[v.name, value] as const];
  }));
}

/**
 * The values a fulfilment task needs, by name, in form order: what a supplier agent sees instead
 * of the whole form. Names the values lack (hidden, not filled) are left out.
 */
export function taskVariables(form: ItemForm, values: FormValues, names: readonly string[]): FormValues {
  const wanted = new Set(names);
  return Object.fromEntries(form.variables.filter((v) => wanted.has(v.name) && Object.hasOwn(values, v.name)).map((v) => [v.name, values[v.name] as FormValue]));
}

/** Pass one, in visibility order: each variable's visibility and value, and the problems of hidden or invalid values. */
function readStates(form: ItemForm, submitted: Readonly<Record<string, unknown>>, defaults: FormValues) {
  const byName = new Map(form.variables.map((v) => [v.name, v]));
  const of = new Map<string, State>();
  const problems = new Map<string, CatalogueError>();
  const valueOf = (name: string): FormValue | undefined => {
    const state = of.get(name);
    return state?.status === 'value' ? state.value : undefined;
  };
  const order = visibilityOrder(form.variables);
  const names = 'order' in order ? order.order : form.variables.map((v) => v.name);
  for (const name of names) {
    const variable = byName.get(name) as FormVariable;
    const visible = isVisible(variable.visibleWhen, of, valueOf);
    const raw = Object.hasOwn(submitted, name) ? submitted[name] : visible === true && Object.hasOwn(defaults, name) ? defaults[name] : undefined;
    const reading = readValue(variable, raw);
    if (visible === null) {
      of.set(name, { status: 'undecided' });
    } else if (!visible) {
      of.set(name, { status: 'hidden' });
      if (reading.kind !== 'unset') problems.set(name, problem(CatalogueErrorCode.HiddenVariable, name, `${variable.label} is not shown for the other values and must not be sent.`, { reason: 'hidden' }));
    } else if (reading.kind === 'invalid') {
      of.set(name, { status: 'undecided' });
      const details: Record<string, string | number> = { reason: reading.reason };
      if (reading.limit !== null) details['limit'] = reading.limit;
      problems.set(name, problem(CatalogueErrorCode.InvalidVariable, name, `${variable.label}: ${reading.reason.replace(/_/g, ' ')}.`, details));
    } else {
      of.set(name, reading.kind === 'value' ? { status: 'value', value: reading.value } : { status: 'unset' });
    }
  }
  return { of, problems, valueOf };
}

/** Whether a variable is shown; null when a variable its condition reads is undecided. */
function isVisible(when: VariableCondition | null, of: ReadonlyMap<string, State>, valueOf: (name: string) => FormValue | undefined): boolean | null {
  if (when === null) return true;
  if (conditionVariables(when).some((n) => of.get(n)?.status === 'undecided')) return null;
  return evaluateCondition(when, valueOf);
}

async function checkReferences(variables: readonly FormVariable[], valueOf: (name: string) => FormValue | undefined, references: ReferenceLookup): Promise<void> {
  const ids = new Map<ReferenceKind, Set<string>>();
  for (const v of variables) {
    const value = valueOf(v.name);
    if (isReferenceType(v.type) && typeof value === 'string') ids.set(v.type, (ids.get(v.type) ?? new Set<string>()).add(value));
  }
  const unknown = new Map<ReferenceKind, ReadonlySet<string>>();
  for (const kind of REFERENCE_KINDS) {
    const asked = ids.get(kind);
    if (asked) unknown.set(kind, new Set(await references.unknown(kind, [...asked])));
  }
  for (const v of variables) {
    const value = valueOf(v.name);
    if (!isReferenceType(v.type) || typeof value !== 'string' || !unknown.get(v.type)?.has(value)) continue;
    throw problem(CatalogueErrorCode.UnknownReference, v.name, `${v.label}: no ${v.type.replace(/_/g, ' ')} ${value}.`, { kind: v.type, id: value });
  }
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

function problem(code: CatalogueErrorCode, variable: string, message: string, extra: Readonly<Record<string, string | number>> = {}): CatalogueError {
  return catalogueError(code, message, { variable, ...extra });
}
