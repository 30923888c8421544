/** Appends a next page to what is shown, leaving out a node already there (a list that moved meanwhile). */
export function appendPage<T extends object>(shown: readonly T[], next: readonly T[], idOf: (node: T) => string): T[] {
  const seen = new Set(shown.map(idOf));
  return [...shown, ...next.filter((node) => !seen.has(idOf(node)))];
}
