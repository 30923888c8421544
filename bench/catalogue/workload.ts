import type { EntitlementRuleInput, OrganisationKind, RequesterProfile } from '@itsm/catalogue';
import type { DirectoryEvent } from '@itsm/platform/persistence';
import { DirectoryFeed, seededRandom } from '@itsm/testing';

export interface WorkloadSize {
  readonly items: number;
  readonly rules: number;
  readonly people: number;
  readonly organisations: number;
  readonly groups: number;
  readonly roles: number;
  readonly categories: number;
}

/** A rule as saved (its id comes from the save) and an item as published (rule indexes, category index). */
export interface PlannedItem {
  readonly name: string;
  readonly category: number;
  readonly rules: readonly number[];
}

export interface Workload {
  /** Directory events in an order the projection takes: organisations, groups, people, then memberships. */
  readonly directory: readonly DirectoryEvent[];
  /** Every person's profile as the directory events make it (group roles included). */
  readonly profiles: readonly RequesterProfile[];
  readonly rules: readonly EntitlementRuleInput[];
  readonly items: readonly PlannedItem[];
  /** The group every item's fulfilment task goes to. */
  readonly fulfilmentGroupId: string;
}

/** Role names take letters and hyphens only: 0 -> role-a, 26 -> role-ba. */
function roleName(i: number): string {
  let name = '';
  let n = i;
  do {
    name = String.fromCharCode(97 + (n % 26)) + name;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `role-${name}`;
}

const KINDS: readonly OrganisationKind[] = ['internal', 'internal', 'internal', 'customer', 'customer', 'supplier'];

/**
 * A seeded directory and catalogue: organisations (half internal, a third customers, a sixth
 * suppliers), groups (a tenth give a role), people (5% without organisation; 0-2 roles of their
 * own; 0-4 groups), rules (any of: 1-2 organisations, an organisation kind for 10%, a role, 1-2
 * groups; 10% deny), items (30% without rules: internal people only; else 1-3 rules; a category).
 */
export function planWorkload(size: WorkloadSize, seed: number): Workload {
  const random = seededRandom(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const some = (n: number, max: number): number[] => [...new Set(Array.from({ length: int(max + 1) }, () => int(n)))];
  const feed = new DirectoryFeed('/itsm/directory', 'u-bench-directory');
  const organisations = Array.from({ length: size.organisations }, (_, i) => ({ id: `org-${i}`, kind: KINDS[i % KINDS.length] as OrganisationKind }));
  const roles = Array.from({ length: size.roles }, (_, i) => roleName(i));
  const groups = Array.from({ length: size.groups }, (_, i) => ({ id: `g-${i}`, roles: i % 10 === 0 ? [roles[int(roles.length)] as string] : [] }));
  const members: string[][] = groups.map(() => []);
  const directory: DirectoryEvent[] = organisations.map((o) => feed.organisation({ organisationId: o.id, name: o.id, kind: o.kind }));
  for (const g of groups) directory.push(feed.group({ groupId: g.id, name: g.id, kind: 'assignment', roles: g.roles }));
  const profiles: RequesterProfile[] = [];
  for (let i = 0; i < size.people; i += 1) {
    const personId = `person-${i}`;
    const organisation = random() < 0.05 ? null : (organisations[int(organisations.length)] ?? null);
    const own = some(roles.length, 2).map((r) => roles[r] as string);
    const mine = some(groups.length, 4);
    for (const g of mine) (members[g] as string[]).push(personId);
    directory.push(feed.person({ personId, userName: personId, organisationId: organisation?.id ?? null, roles: own }));
    const groupRoles = mine.flatMap((g) => groups[g]?.roles ?? []);
    profiles.push({ personId, organisationId: organisation?.id ?? null, organisationKind: organisation?.kind ?? 'internal', roles: [...new Set([...own, ...groupRoles])], groupIds: mine.map((g) => `g-${g}`) });
  }
  members.forEach((ids, g) => {
    for (let k = 0; k < ids.length; k += 500) directory.push(feed.membersAdded(`g-${g}`, ids.slice(k, k + 500)));
  });
  const rules: EntitlementRuleInput[] = Array.from({ length: size.rules }, (_, i) => {
    const input = {
      name: `Rule ${i}`,
      effect: random() < 0.1 ? 'deny' : 'grant',
      organisationIds: some(organisations.length, 2).map((o) => `org-${o}`),
      organisationKinds: random() < 0.1 ? [KINDS[int(KINDS.length)] as OrganisationKind] : [],
      roles: some(roles.length, 1).map((r) => roles[r] as string),
      groupIds: some(groups.length, 2).map((g) => `g-${g}`),
    };
    const empty = input.organisationIds.length + input.organisationKinds.length + input.roles.length + input.groupIds.length === 0;
    return empty ? { ...input, groupIds: [`g-${int(groups.length)}`] } : input;
  });
  const words = ['laptop', 'access', 'licence', 'server', 'phone', 'desk', 'monitor', 'vpn', 'mailbox', 'database', 'storage', 'badge'];
  const items: PlannedItem[] = Array.from({ length: size.items }, (_, i) => ({
    name: `${words[int(words.length)] ?? 'item'} ${words[int(words.length)] ?? 'item'} ${i}`,
    category: int(size.categories),
    rules: random() < 0.3 ? [] : [...new Set(Array.from({ length: 1 + int(3) }, () => int(size.rules)))],
  }));
  return { directory, profiles, rules, items, fulfilmentGroupId: 'g-0' };
}
