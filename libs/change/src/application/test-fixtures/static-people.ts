import { People } from '../ports/change-references.port';
import type { GroupView, PersonView } from '../ports/change-references.port';

/** A fixed directory for approval tests: people by id, groups by id, roles as the people carry them. */
export class StaticPeople extends People {
  private readonly byId: Map<string, PersonView>;
  private readonly groups: Map<string, GroupView>;

  constructor(people: readonly PersonView[], groups: readonly GroupView[] = []) {
    super();
    this.byId = new Map(people.map((p) => [p.id, p]));
    this.groups = new Map(groups.map((g) => [g.id, g]));
  }

  async people(ids: readonly string[]): Promise<ReadonlyMap<string, PersonView>> {
    return new Map(ids.flatMap((id) => (this.byId.has(id) ? [[id, this.byId.get(id)!] as const] : [])));
  }

  async group(id: string): Promise<GroupView | undefined> {
    return this.groups.get(id);
  }

  async withRole(role: string, limit: number): Promise<readonly PersonView[]> {
    return [...this.byId.values()].filter((p) => p.active && p.roles.includes(role)).slice(0, limit);
  }
}

export function person(id: string, roles: string[] = [], active = true): PersonView {
  return { id, displayName: id, active, organisationId: 'contoso', roles, timeZone: null };
}

export function group(id: string, memberIds: string[], kind = 'cab'): GroupView {
  return { id, name: id, kind, organisationId: 'contoso', organisationKind: 'internal', memberIds, roles: [] };
}
