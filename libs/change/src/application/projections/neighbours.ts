import type { CiNeighbours } from '../ports/change-references.port';

/** Parents (sources of relationships targeting the CI) and children (targets of its relationships), sorted, per asked CI. */
export function neighbourMap(ids: readonly string[], relationships: readonly { readonly sourceId: string; readonly targetId: string }[]): ReadonlyMap<string, CiNeighbours> {
  const asked = new Set(ids);
  const parents = new Map<string, Set<string>>();
  const children = new Map<string, Set<string>>();
  const add = (into: Map<string, Set<string>>, key: string, value: string) => {
    const set = into.get(key) ?? new Set<string>();
    set.add(value);
    into.set(key, set);
  };
  for (const { sourceId, targetId } of relationships) {
    if (asked.has(sourceId)) add(children, sourceId, targetId);
    if (asked.has(targetId)) add(parents, targetId, sourceId);
  }
  return new Map(ids.map((id) => [id, { parents: [...(parents.get(id) ?? [])].sort(), children: [...(children.get(id) ?? [])].sort() }]));
}

