/** Categories in tree order (each parent followed by its children, by name) with their depth; a parent not listed counts as none. */
export function categoryTree<T extends { readonly id: string; readonly name: string; readonly parentId: string | null }>(categories: readonly T[]): { readonly category: T; readonly depth: number }[] {
  const ids = new Set(categories.map((c) => c.id));
  const children = new Map<string | null, T[]>();
  for (const category of categories) {
    const parent = category.parentId !== null && ids.has(category.parentId) ? category.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), category]);
  }
  const out: { category: T; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number): void => {
    for (const category of [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name))) {
      if (seen.has(category.id)) continue;
      seen.add(category.id);
      out.push({ category, depth });
      walk(category.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
