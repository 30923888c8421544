import { conditionVariables } from './form-condition';
import type { VariableCondition } from './form.model';

interface Visible {
  readonly name: string;
  readonly visibleWhen: VariableCondition | null;
}

/**
 * The variables in an order where each comes after the variables its visibility reads (form order
 * otherwise), or the first circle of visibility conditions found (`['a', 'b', 'a']`).
 * Only `visibleWhen` counts: requiredness never changes what another variable sees.
 */
export function visibilityOrder(variables: readonly Visible[]): { readonly order: string[] } | { readonly cycle: string[] } {
  const reads = new Map(variables.map((v) => [v.name, v.visibleWhen ? conditionVariables(v.visibleWhen) : []]));
  const done = new Set<string>();
  const path: string[] = [];
  const order: string[] = [];
  const visit = (name: string): string[] | null => {
    if (done.has(name)) return null;
    const at = path.indexOf(name);
    if (at >= 0) return [...path.slice(at), name];
    path.push(name);
    for (const read of reads.get(name) ?? []) {
      const cycle = visit(read);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(name);
    order.push(name);
    return null;
  };
  for (const variable of variables) {
    const cycle = visit(variable.name);
    if (cycle) return { cycle };
  }
  return { order };
}
