/**
 * The catalogue's form rules as the portal applies them for display: which variables show and which
 * are required for the values typed so far. The SAME semantics as the server's check
 * (libs/catalogue/src/domain/forms: validate-values, form-condition, variable-value, visibility-order),
 * mirrored because the portal imports no platform lib; the server still validates every order.
 */

export type FormVariableType = 'text' | 'multiline_text' | 'number' | 'single_choice' | 'multiple_choice' | 'date' | 'boolean' | 'person' | 'group' | 'configuration_item' | 'service';

/** A variable as the gateway answers it (`CatalogFormVariable`: conditions and the default are JSON text). */
export interface FormVariableData {
  readonly name: string;
  readonly label: string;
  readonly type: FormVariableType;
  readonly reference: string | null;
  readonly help: string | null;
  readonly required: boolean;
  readonly visibleWhen: string | null;
  readonly requiredWhen: string | null;
  readonly minLength: number | null;
  readonly maxLength: number | null;
  readonly pattern: string | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly integer: boolean;
  readonly minDate: string | null;
  readonly maxDate: string | null;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly minSelections: number | null;
  readonly maxSelections: number | null;
  readonly defaultValue: string | null;
}

export type FormValue = string | number | boolean | readonly string[];

export type Condition =
  | { readonly variable: string; readonly equals: readonly (string | number | boolean)[] }
  | { readonly variable: string; readonly isSet: boolean }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] };

/** A condition's JSON (null: none; text that is no condition: none, the server never answers one). */
export function parseCondition(json: string | null): Condition | null {
  if (json === null) return null;
  try {
    return JSON.parse(json) as Condition;
  } catch {
    return null;
  }
}

/** What the form starts with: each variable's default (JSON), references and unset ones left out. */
export function initialValues(variables: readonly FormVariableData[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const variable of variables) {
    if (variable.defaultValue === null) continue;
    try {
      values[variable.name] = JSON.parse(variable.defaultValue) as unknown;
    } catch {
      // A default the server checked at save is valid JSON; nothing to pre-fill otherwise.
    }
  }
  return values;
}

/** The variables a condition reads, each once. */
export function conditionVariables(condition: Condition): string[] {
  const names = new Set<string>();
  const walk = (c: Condition): void => {
    if ('all' in c) c.all.forEach(walk);
    else if ('any' in c) c.any.forEach(walk);
    else names.add(c.variable);
  };
  walk(condition);
  return [...names];
}

/** Whether a condition holds for the values (undefined: no value, or hidden). `all` of nothing holds, `any` of nothing does not. */
export function holds(condition: Condition, valueOf: (name: string) => FormValue | undefined): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, valueOf));
  if ('any' in condition) return condition.any.some((c) => holds(c, valueOf));
  const value = valueOf(condition.variable);
  if ('isSet' in condition) return (value !== undefined) === condition.isSet;
  if (value === undefined) return false;
  if (Array.isArray(value)) return value.some((v) => condition.equals.includes(v));
  return condition.equals.includes(value as string | number | boolean);
}

/** A raw input value read as the server reads it: no value, a normalised value, or refused (its constraints broken). */
export type Reading = { readonly kind: 'unset' } | { readonly kind: 'value'; readonly value: FormValue } | { readonly kind: 'invalid' };

const UNSET: Reading = { kind: 'unset' };
const INVALID: Reading = { kind: 'invalid' };
const DECIMAL = /^[-+]?\d+(\.\d+)?$/;
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const REFERENCE_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/;
const value = (v: FormValue): Reading => ({ kind: 'value', value: v });

export function readValue(variable: FormVariableData, raw: unknown): Reading {
  if (raw === null || raw === undefined) return UNSET;
  switch (variable.type) {
    case 'text':
    case 'multiline_text': {
      if (typeof raw !== 'string') return INVALID;
      const text = raw.trim();
      if (text === '') return UNSET;
      const tooLong = variable.maxLength !== null && text.length > variable.maxLength;
      const tooShort = variable.minLength !== null && text.length < variable.minLength;
      const lines = variable.type === 'text' && /[\r\n]/.test(text);
      return lines || tooLong || tooShort || !matchesWhole(variable.pattern, text) ? INVALID : value(text);
    }
    case 'number': {
      const text = typeof raw === 'string' ? raw.trim() : undefined;
      if (text === '') return UNSET;
      if (text !== undefined && !DECIMAL.test(text)) return INVALID;
      const n = text !== undefined ? Number(text) : raw;
      if (typeof n !== 'number' || !Number.isFinite(n) || (variable.integer && !Number.isInteger(n))) return INVALID;
      return (variable.min !== null && n < variable.min) || (variable.max !== null && n > variable.max) ? INVALID : value(n);
    }
    case 'date': {
      if (typeof raw !== 'string') return INVALID;
      if (raw.trim() === '') return UNSET;
      const date = canonicalDate(raw);
      if (date === null || (variable.minDate !== null && date < variable.minDate) || (variable.maxDate !== null && date > variable.maxDate)) return INVALID;
      return value(date);
    }
    case 'boolean':
      return typeof raw === 'boolean' ? value(raw) : INVALID;
    case 'single_choice':
      if (typeof raw !== 'string') return INVALID;
      if (raw === '') return UNSET;
      return variable.options.some((o) => o.value === raw) ? value(raw) : INVALID;
    case 'multiple_choice': {
      if (!Array.isArray(raw) || !raw.every((v): v is string => typeof v === 'string')) return INVALID;
      if (raw.length === 0) return UNSET;
      const chosen = new Set(raw);
      const values = variable.options.map((o) => o.value).filter((v) => chosen.has(v));
      const outOfBounds = (variable.minSelections !== null && values.length < variable.minSelections) || (variable.maxSelections !== null && values.length > variable.maxSelections);
      return values.length < chosen.size || outOfBounds ? INVALID : value(values);
    }
    case 'person':
    case 'group':
    case 'configuration_item':
    case 'service': {
      if (typeof raw !== 'string') return INVALID;
      const id = raw.trim();
      if (id === '') return UNSET;
      return REFERENCE_ID.test(id) ? value(id) : INVALID;
    }
  }
}

/** The server runs the pattern with RE2 against the whole text; the same source as a JavaScript `u` expression, anchored. */
function matchesWhole(pattern: string | null, text: string): boolean {
  if (pattern === null) return true;
  try {
    return new RegExp(`^(?:${pattern})$`, 'u').test(text);
  } catch {
    return true;
  }
}

/** `YYYY-MM-DD` (month and day may have one digit) as canonical `YYYY-MM-DD`; null when it is no calendar date. */
export function canonicalDate(text: string): string | null {
  const match = DATE.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Variables ordered so each comes after those its visibility reads (form order otherwise; a circle, which the server refuses at save, keeps form order). */
export function visibilityOrder(variables: readonly FormVariableData[]): FormVariableData[] {
  const byName = new Map(variables.map((v) => [v.name, v]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: FormVariableData[] = [];
  const visit = (variable: FormVariableData): boolean => {
    if (done.has(variable.name)) return true;
    if (visiting.has(variable.name)) return false;
    visiting.add(variable.name);
    const condition = parseCondition(variable.visibleWhen);
    for (const name of condition ? conditionVariables(condition) : []) {
      const read = byName.get(name);
      if (read !== undefined && !visit(read)) return false;
    }
    visiting.delete(variable.name);
    done.add(variable.name);
    order.push(variable);
    return true;
  };
  return variables.every(visit) ? order : [...variables];
}

/** How a variable stands for the values so far: hidden, shown (and whether required), or undecided (an invalid value it reads). */
export interface VariableStatus {
  readonly shown: boolean;
  readonly required: boolean;
}

export interface FormStatus {
  readonly of: ReadonlyMap<string, VariableStatus>;
  /** What an order sends: the raw values of the variables shown, blanks left out (the server normalises). */
  readonly submit: Readonly<Record<string, unknown>>;
}

/**
 * Visibility and requiredness for the values typed so far, as the server decides them: in visibility
 * order, a hidden variable has no value for other conditions, an invalid value leaves the conditions
 * reading it undecided (shown here: the server reports the invalid value first), a variable is
 * required when `required` or its `requiredWhen` holds (decided only when what it reads is).
 */
export function formStatus(variables: readonly FormVariableData[], raw: Readonly<Record<string, unknown>>): FormStatus {
  type State = { readonly status: 'hidden' | 'unset' | 'undecided' } | { readonly status: 'value'; readonly value: FormValue };
  const states = new Map<string, State>();
  const valueOf = (name: string): FormValue | undefined => {
    const state = states.get(name);
    return state?.status === 'value' ? state.value : undefined;
  };
  const undecided = (condition: Condition) => conditionVariables(condition).some((n) => states.get(n)?.status === 'undecided');
  for (const variable of visibilityOrder(variables)) {
    const when = parseCondition(variable.visibleWhen);
    if (when !== null && undecided(when)) {
      states.set(variable.name, { status: 'undecided' });
      continue;
    }
    if (when !== null && !holds(when, valueOf)) {
      states.set(variable.name, { status: 'hidden' });
      continue;
    }
    const reading = readValue(variable, raw[variable.name]);
    states.set(variable.name, reading.kind === 'value' ? { status: 'value', value: reading.value } : { status: reading.kind === 'invalid' ? 'undecided' : 'unset' });
  }
  const of = new Map<string, VariableStatus>();
  const submit: Record<string, unknown> = {};
  for (const variable of variables) {
    const shown = states.get(variable.name)?.status !== 'hidden';
    const when = parseCondition(variable.requiredWhen);
    const required = shown && (variable.required || (when !== null && !undecided(when) && holds(when, valueOf)));
    of.set(variable.name, { shown, required });
    const value = raw[variable.name];
    if (shown && !isBlank(value)) submit[variable.name] = value;
  }
  return { of, submit };
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}
