/** The types a catalogue item variable can have. The four reference types name a record of another context by id. */
export const VARIABLE_TYPES = [
  'text',
  'multiline_text',
  'number',
  'single_choice',
  'multiple_choice',
  'date',
  'boolean',
  'person',
  'group',
  'configuration_item',
  'service',
] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

export const REFERENCE_KINDS = ['person', 'group', 'configuration_item', 'service'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export function isReferenceType(type: VariableType): type is ReferenceKind {
  return (REFERENCE_KINDS as readonly string[]).includes(type);
}

/** A normalised variable value: text, a number, a canonical date (`YYYY-MM-DD`), a boolean, an id, or the chosen option values. */
export type FormValue = string | number | boolean | readonly string[];
export type FormValues = Readonly<Record<string, FormValue>>;

/**
 * When a variable is shown (`visibleWhen`) or required (`requiredWhen`), as a condition on OTHER
 * variables' values: `equals` holds when the value is one of the listed values (for a multiple
 * choice: when one of the chosen options is listed; "is true" is `equals: [true]`), `isSet` when
 * the variable has a value (`isSet: false`: has none), `all`/`any` combine.
 * A hidden variable has no value, whatever was sent for it.
 */
export type VariableCondition =
  | { readonly variable: string; readonly equals: readonly (string | number | boolean)[] }
  | { readonly variable: string; readonly isSet: boolean }
  | { readonly all: readonly VariableCondition[] }
  | { readonly any: readonly VariableCondition[] };

export interface ChoiceOption {
  readonly value: string;
  readonly label: string;
}

/**
 * A variable as an admin drafts it. Constraints apply to some types only (a `pattern` on a number
 * is refused): `minLength`/`maxLength`/`pattern` on text, `min`/`max`/`integer` on numbers,
 * `minDate`/`maxDate` on dates, `options` on choices, `minSelections`/`maxSelections` on multiple choices.
 */
export interface VariableDraft {
  readonly name: string;
  readonly label: string;
  readonly type: VariableType;
  readonly help?: string | null;
  readonly required?: boolean;
  readonly visibleWhen?: VariableCondition | null;
  readonly requiredWhen?: VariableCondition | null;
  readonly minLength?: number | null;
  readonly maxLength?: number | null;
  /** A regular expression source the whole (trimmed) text must match; compiled with the `u` flag. */
  readonly pattern?: string | null;
  readonly min?: number | null;
  readonly max?: number | null;
  readonly integer?: boolean;
  readonly minDate?: string | null;
  readonly maxDate?: string | null;
  readonly options?: readonly ChoiceOption[];
  readonly minSelections?: number | null;
  readonly maxSelections?: number | null;
  /** What a portal pre-fills (not applied on submit); refused at save unless it is a valid value. References have none. */
  readonly defaultValue?: FormValue | null;
}

export interface FormDraft {
  readonly variables: readonly VariableDraft[];
}

/** A variable of a saved form: every field present, `null` where it does not apply. */
export interface FormVariable {
  readonly name: string;
  readonly label: string;
  readonly type: VariableType;
  readonly help: string | null;
  readonly required: boolean;
  readonly visibleWhen: VariableCondition | null;
  readonly requiredWhen: VariableCondition | null;
  readonly minLength: number | null;
  readonly maxLength: number | null;
  readonly pattern: string | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly integer: boolean;
  readonly minDate: string | null;
  readonly maxDate: string | null;
  readonly options: readonly ChoiceOption[];
  readonly minSelections: number | null;
  readonly maxSelections: number | null;
  readonly defaultValue: FormValue | null;
}

/** A form `defineForm` accepted: names unique, conditions acyclic and on existing variables, bounds consistent. */
export interface ItemForm {
  readonly variables: readonly FormVariable[];
}

export const FORM_LIMITS = {
  variables: 100,
  name: 64,
  label: 200,
  help: 1_000,
  options: 200,
  optionValue: 100,
  pattern: 200,
  /** Longest single-line text (and the longest a pattern is ever run against). */
  text: 1_000,
  multilineText: 20_000,
  conditionDepth: 4,
  conditionNodes: 32,
  conditionValues: 50,
} as const;
