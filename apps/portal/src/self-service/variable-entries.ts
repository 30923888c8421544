import type { FormVariableData } from '../catalogue/form-rules';

/**
 * A requested item's values (JSON text: an object of name: value) as label and shown text, in their
 * order: with the item version's form, each variable's label and its options' labels; without it
 * (the form could not be read), the names and values as sent. Booleans as `yesNo` words.
 */
export function variableEntries(json: string, yesNo: (value: boolean) => string, form: readonly FormVariableData[] = []): [string, string][] {
  let values: unknown;
  try {
    values = JSON.parse(json);
  } catch {
    return [];
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return [];
  const byName = new Map(form.map((variable) => [variable.name, variable]));
  return Object.entries(values as Record<string, unknown>).map(([name, value]) => {
    const variable = byName.get(name);
    const option = (v: unknown) => variable?.options.find((o) => o.value === v)?.label ?? String(v);
    const text = typeof value === 'boolean' ? yesNo(value) : Array.isArray(value) ? value.map(option).join(', ') : option(value);
    return [variable?.label ?? name, text];
  });
}
