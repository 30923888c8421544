import type { FormValue, VariableCondition } from './form.model';

/** The names of the variables a condition reads, each once, in the order they appear. */
export function conditionVariables(condition: VariableCondition): string[] {
  const names = new Set<string>();
  const walk = (c: VariableCondition): void => {
    if ('all' in c) c.all.forEach(walk);
    else if ('any' in c) c.any.forEach(walk);
    else names.add(c.variable);
  };
  walk(condition);
  return [...names];
}

/**
 * Whether the condition holds, given each variable's effective value (undefined: no value, or hidden).
 * An `all` of nothing holds, an `any` of nothing does not.
 */
export function evaluateCondition(condition: VariableCondition, valueOf: (name: string) => FormValue | undefined): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, valueOf));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, valueOf));
  const value = valueOf(condition.variable);
  if ('isSet' in condition) return (value !== undefined) === condition.isSet;
  if (value === undefined) return false;
  if (Array.isArray(value)) return value.some((v) => condition.equals.includes(v));
  return condition.equals.includes(value as string | number | boolean);
}
