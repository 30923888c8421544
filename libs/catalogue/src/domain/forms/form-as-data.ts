import { FORM_LIMITS, isReferenceType } from './form.model';
import type { FormVariable, ItemForm, ReferenceKind, VariableCondition } from './form.model';

/**
 * A variable as a portal renders it: every field of the form's variable present (`null` where it does
 * not apply; for text, `maxLength` is the form's own bound or the platform's), plus the kind of record a
 * reference variable names (a portal picks it from that directory).
 */
export interface FormVariableData extends FormVariable {
  readonly reference: ReferenceKind | null;
}

export interface ItemFormData {
  readonly variables: readonly FormVariableData[];
}

/** The form as plain data (no shared references with the form), variables and options in form order. */
export function formAsData(form: ItemForm): ItemFormData {
  return {
    variables: form.variables.map((v) => ({
      name: v.name,
      label: v.label,
      type: v.type,
      reference: isReferenceType(v.type) ? v.type : null,
      help: v.help,
      required: v.required,
      visibleWhen: copy(v.visibleWhen),
      requiredWhen: copy(v.requiredWhen),
      minLength: v.minLength,
      maxLength: v.type === 'text' ? (v.maxLength ?? FORM_LIMITS.text) : v.type === 'multiline_text' ? (v.maxLength ?? FORM_LIMITS.multilineText) : null,
      pattern: v.pattern,
      min: v.min,
      max: v.max,
      integer: v.integer,
      minDate: v.minDate,
      maxDate: v.maxDate,
      options: v.options.map((o) => ({ value: o.value, label: o.label })),
      minSelections: v.minSelections,
      maxSelections: v.maxSelections,
      defaultValue: Array.isArray(v.defaultValue) ? [...(v.defaultValue as readonly string[])] : v.defaultValue,
    })),
  };
}

function copy(condition: VariableCondition | null): VariableCondition | null {
  if (condition === null) return null;
  if ('all' in condition) return { all: condition.all.map((c) => copy(c) as VariableCondition) };
  if ('any' in condition) return { any: condition.any.map((c) => copy(c) as VariableCondition) };
  if ('isSet' in condition) return { variable: condition.variable, isSet: condition.isSet };
  return { variable: condition.variable, equals: [...condition.equals] };
}
