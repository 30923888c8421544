/**
 * A canonical JSON text of a value (object keys sorted by code unit, no whitespace, `undefined`
 * members left out, dates as ISO strings): the same data always hashes the same, whatever order its
 * keys were built in. Hand-written (ten lines) because the audit chain hashes only JSON-safe event
 * payloads; RFC 8785's number rules matter only for floats, which no change payload carries.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: ${typeof value} is not JSON data`);
}
