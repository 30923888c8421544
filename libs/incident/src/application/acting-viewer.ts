import type { AssignmentGroupView, ProjectedOrganisation, ProjectedPerson, Viewer } from '../domain';

/**
 * Who a person acting outside GraphQL (a reply's author, a supplier's agent) is to the incident's access policy, from what this context projects (it keeps
 * no roles): an active member of an assignment group of an internal organisation (or of none) is an
 * agent; of a supplier's group, that supplier's agent; anyone else a requester (who may comment
 * only as the incident's caller). `assertMayRun` then decides as for the portal.
 */
export function actingViewer(person: ProjectedPerson, groups: readonly AssignmentGroupView[], organisations: readonly ProjectedOrganisation[]): Viewer {
  const userName = person.userName.toLowerCase();
  const kinds = new Map(organisations.map((organisation) => [organisation.id, organisation.kind]));
  const memberOf = groups.filter((group) => group.organisationActive && group.members.includes(userName));
  const internal = memberOf.some((group) => group.orgId === null || kinds.get(group.orgId) !== 'supplier');
  const supplier = memberOf.find((group) => group.orgId !== null && kinds.get(group.orgId) === 'supplier');
  if (internal) return { userId: userName, roles: ['agent'], orgId: person.orgId ?? undefined };
  if (supplier !== undefined) return { userId: userName, roles: ['supplier-agent'], orgId: supplier.orgId ?? undefined };
  return { userId: userName, roles: ['requester'], orgId: person.orgId ?? undefined };
}
