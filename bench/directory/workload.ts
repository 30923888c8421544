/**
 * What bench:directory provisions, generated from a seed: the SCIM User bodies (as Microsoft Entra
 * ID sends them), the groups' members (sizes uniform in 1 .. 2 x average - 1, distinct people), the
 * member PATCHes on a sample of groups (single-member add, then its removal, Entra style) and the
 * people looked up by userName.
 */
import { seededRandom } from '@itsm/testing';
import { SCIM_ENTERPRISE, SCIM_GROUP, SCIM_PATCH_OP, SCIM_USER } from './scim-traffic';

export interface WorkloadSize {
  readonly users: number;
  readonly groups: number;
  readonly averageMembers: number;
  readonly patchedGroups: number;
  readonly patches: number;
  readonly lookups: number;
}

/** One single-member PATCH: person `user` joins or leaves group `group` (indices). */
export interface MemberPatch {
  readonly group: number;
  readonly user: number;
  readonly add: boolean;
}

export interface Workload {
  /** The people of each group, as indices of the users. */
  readonly members: readonly (readonly number[])[];
  readonly patches: readonly MemberPatch[];
  /** The groups' members once every PATCH is applied. */
  readonly finalMembers: readonly ReadonlySet<number>[];
  /** Users looked up by userName (indices), in order. */
  readonly lookups: readonly number[];
}

const pad = (n: number): string => String(n).padStart(6, '0');

export const userNameOf = (tag: string, i: number): string => `bench.user.${pad(i)}@${tag}.example`;

export function userBody(tag: string, i: number): Record<string, unknown> {
  const userName = userNameOf(tag, i);
  return {
    schemas: [SCIM_USER, SCIM_ENTERPRISE],
    externalId: `entra-${tag}-${pad(i)}`,
    userName,
    active: true,
    displayName: `Bench User ${pad(i)}`,
    name: { givenName: 'Bench', familyName: `User ${pad(i)}` },
    emails: [{ primary: true, type: 'work', value: userName }],
    [SCIM_ENTERPRISE]: { department: `Department ${i % 50}`, employeeNumber: pad(i) },
  };
}

export function groupBody(tag: string, g: number, memberIds: readonly string[]): Record<string, unknown> {
  return { schemas: [SCIM_GROUP], displayName: `Bench Group ${pad(g)} ${tag}`, externalId: `entra-group-${tag}-${pad(g)}`, members: memberIds.map((value) => ({ value })) };
}

export function patchBody(patch: MemberPatch, personId: string): Record<string, unknown> {
  const operation = patch.add ? { op: 'Add', path: 'members', value: [{ value: personId }] } : { op: 'Remove', path: `members[value eq "${personId}"]` };
  return { schemas: [SCIM_PATCH_OP], Operations: [operation] };
}

export function planWorkload(size: WorkloadSize, seed: number): Workload {
  const random = seededRandom(seed);
  const pick = (n: number): number => Math.floor(random() * n);
  const members: number[][] = [];
  for (let g = 0; g < size.groups; g++) {
    const wanted = Math.min(size.users, 1 + pick(2 * size.averageMembers - 1));
    const chosen = new Set<number>();
    while (chosen.size < wanted) chosen.add(pick(size.users));
    members.push([...chosen]);
  }
  const finalMembers = members.map((m) => new Set(m));
  // The sampled groups, spread over all of them; PATCH i goes to sample[i % n]: round 0 adds a
  // person who is not a member, round 1 removes them again, and so on.
  const sample = Array.from({ length: Math.min(size.patchedGroups, size.groups) }, (_, k) => Math.floor((k * size.groups) / Math.min(size.patchedGroups, size.groups)));
  const joined = new Map<number, number>();
  const patches: MemberPatch[] = [];
  for (let i = 0; i < size.patches && sample.length > 0; i++) {
    const group = sample[i % sample.length] as number;
    const current = finalMembers[group] as Set<number>;
    const leaving = joined.get(group);
    if (leaving !== undefined) {
      joined.delete(group);
      current.delete(leaving);
      patches.push({ group, user: leaving, add: false });
      continue;
    }
    if (current.size >= size.users) continue;
    let user = pick(size.users);
    while (current.has(user)) user = pick(size.users);
    joined.set(group, user);
    current.add(user);
    patches.push({ group, user, add: true });
  }
  const lookups = Array.from({ length: size.lookups }, () => pick(size.users));
  return { members, patches, finalMembers, lookups };
}
