/** A requested item's values (JSON text: an object of name: value) as name and shown text, in their order; yes/no for booleans. */
export function variableEntries(json: string, yesNo: (value: boolean) => string = (value) => (value ? '✓' : '✗')): [string, string][] {
  let values: unknown;
  try {
    values = JSON.parse(json);
  } catch {
    return [];
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return [];
  return Object.entries(values as Record<string, unknown>).map(([name, value]) => [name, typeof value === 'boolean' ? yesNo(value) : Array.isArray(value) ? value.map(String).join(', ') : String(value)]);
}
