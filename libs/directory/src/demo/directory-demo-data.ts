import type { INestApplication } from '@nestjs/common';
import { CreateGroupCommand, CreateGroupHandler, CreatePersonCommand, CreatePersonHandler, SaveOrganisationCommand, SaveOrganisationHandler } from '../application/commands';
import type { DirectoryActor } from '../application/directory-inputs';
import { GroupQueries, PeopleQueries } from '../application/ports/directory-queries.port';
import type { GroupKind, Organisation, OrganisationKind } from '../domain';

const SYSTEM: DirectoryActor = { by: 'system' };

const ORGANISATIONS: readonly { id: string; name: string; kind: OrganisationKind }[] = [
  { id: 'contoso', name: 'Contoso IT (service integrator)', kind: 'internal' },
  { id: 'fabrikam', name: 'Fabrikam Retail', kind: 'customer' },
  { id: 'northwind-networks', name: 'Northwind Networks', kind: 'supplier' },
  { id: 'tailspin-hosting', name: 'Tailspin Hosting', kind: 'supplier' },
];

interface DemoPerson {
  readonly userName: string;
  readonly displayName: string;
  readonly organisationId: string;
  readonly timeZone: string;
  readonly locale: string;
  readonly roles: readonly string[];
  readonly title: string;
  /** The demo manager's userName. */
  readonly manager?: string;
}

/** The personas of `npm run token` and the incident demo's members, by their token subject (userName). */
const PEOPLE: readonly DemoPerson[] = [
  { userName: 'u-admin', displayName: 'Ada Admin', organisationId: 'contoso', timeZone: 'Europe/Berlin', locale: 'de-DE', roles: ['admin'], title: 'Platform administrator' },
  { userName: 'u-incident-manager', displayName: 'Ingrid Incident', organisationId: 'contoso', timeZone: 'Europe/Berlin', locale: 'de-DE', roles: ['incident-manager'], title: 'Incident manager' },
  { userName: 'u-problem-manager', displayName: 'Pablo Problem', organisationId: 'contoso', timeZone: 'Europe/Madrid', locale: 'es-ES', roles: ['problem-manager'], title: 'Problem manager' },
  { userName: 'u-agent', displayName: 'Agnes Agent', organisationId: 'contoso', timeZone: 'Europe/Berlin', locale: 'en-GB', roles: ['agent'], title: 'Service desk agent', manager: 'u-incident-manager' },
  { userName: 'u-alice', displayName: 'Alice Adams', organisationId: 'contoso', timeZone: 'Europe/London', locale: 'en-GB', roles: ['agent'], title: 'Service desk agent', manager: 'u-incident-manager' },
  { userName: 'u-bob', displayName: 'Bob Brown', organisationId: 'contoso', timeZone: 'America/New_York', locale: 'en-US', roles: ['agent'], title: 'Application support engineer', manager: 'u-problem-manager' },
  { userName: 'u-requester', displayName: 'Rita Requester', organisationId: 'fabrikam', timeZone: 'America/Chicago', locale: 'en-US', roles: ['requester'], title: 'Store manager' },
  { userName: 'u-supplier-agent', displayName: 'Sam Supplier', organisationId: 'northwind-networks', timeZone: 'Europe/Amsterdam', locale: 'nl-NL', roles: ['supplier-agent'], title: 'Network engineer' },
  { userName: 'u-nina', displayName: 'Nina Novak', organisationId: 'northwind-networks', timeZone: 'Europe/Prague', locale: 'cs-CZ', roles: ['supplier-agent'], title: 'Network engineer', manager: 'u-supplier-agent' },
  { userName: 'u-tom', displayName: 'Tom Tanaka', organisationId: 'tailspin-hosting', timeZone: 'Asia/Tokyo', locale: 'ja-JP', roles: ['supplier-agent'], title: 'Hosting engineer' },
  // Change enablement's personas: the change manager chairs the CAB; three CAB members; an implementer.
  { userName: 'u-change-manager', displayName: 'Chris Change', organisationId: 'contoso', timeZone: 'Europe/Berlin', locale: 'en-GB', roles: ['change-manager'], title: 'Change manager' },
  { userName: 'u-cab-1', displayName: 'Carla CAB', organisationId: 'contoso', timeZone: 'Europe/Berlin', locale: 'de-DE', roles: ['cab-member'], title: 'Infrastructure architect', manager: 'u-change-manager' },
  { userName: 'u-cab-2', displayName: 'Cem CAB', organisationId: 'contoso', timeZone: 'Europe/Istanbul', locale: 'en-GB', roles: ['cab-member'], title: 'Security officer', manager: 'u-change-manager' },
  { userName: 'u-cab-3', displayName: 'Cleo CAB', organisationId: 'contoso', timeZone: 'Europe/London', locale: 'en-GB', roles: ['cab-member'], title: 'Service owner, Retail sales', manager: 'u-change-manager' },
  { userName: 'u-implementer', displayName: 'Ivan Implementer', organisationId: 'contoso', timeZone: 'Europe/Berlin', locale: 'en-GB', roles: ['implementer'], title: 'Application engineer', manager: 'u-problem-manager' },
];

/** The incident demo's assignment groups and members (by userName), and the change demo's CAB. */
const GROUPS: readonly { id: string; name: string; kind: GroupKind; organisationId: string; members: readonly string[] }[] = [
  { id: 'service-desk', name: 'Service Desk', kind: 'assignment', organisationId: 'contoso', members: ['u-agent', 'u-alice', 'u-incident-manager'] },
  { id: 'app-support', name: 'Application Support', kind: 'assignment', organisationId: 'contoso', members: ['u-agent', 'u-bob', 'u-problem-manager', 'u-implementer'] },
  { id: 'network-ops', name: 'Network Operations', kind: 'assignment', organisationId: 'northwind-networks', members: ['u-supplier-agent', 'u-nina'] },
  { id: 'hosting-ops', name: 'Hosting Operations', kind: 'assignment', organisationId: 'tailspin-hosting', members: ['u-tom'] },
  { id: 'cab', name: 'Change Advisory Board', kind: 'cab', organisationId: 'contoso', members: ['u-change-manager', 'u-cab-1', 'u-cab-2', 'u-cab-3'] },
];

function demoEmail(person: DemoPerson): string {
  const domain = { contoso: 'contoso.example', fabrikam: 'fabrikam.example', 'northwind-networks': 'northwind.example', 'tailspin-hosting': 'tailspin.example' }[person.organisationId] ?? 'example.org';
  return `${person.userName.replace(/^u-/, '')}@${domain}`;
}

/**
 * The demo directory, through the same use cases as the API (so its events reach the other
 * contexts): four organisations, the personas of `npm run token` and the incident demo's members as
 * people, and the incident demo's assignment groups. Skips what exists. Answers the ids by name:
 * each person's id by userName (`u-agent`), each group's and organisation's id by its own id.
 */
export async function seedDemoDirectory(app: INestApplication): Promise<ReadonlyMap<string, string>> {
  const ids = new Map<string, string>();
  const saveOrganisation = app.get(SaveOrganisationHandler);
  for (const organisation of ORGANISATIONS) {
    const saved: Organisation = { ...organisation, parentId: null, active: true };
    await saveOrganisation.execute(new SaveOrganisationCommand(SYSTEM, saved));
    ids.set(organisation.id, organisation.id);
  }

  const people = app.get(PeopleQueries);
  const createPerson = app.get(CreatePersonHandler);
  for (const person of PEOPLE) {
    const existing = await people.byUserName(person.userName);
    const managerId = person.manager === undefined ? null : (ids.get(person.manager) ?? null);
    const id =
      existing?.id ??
      (
        await createPerson.execute(
          new CreatePersonCommand(SYSTEM, {
            userName: person.userName,
            displayName: person.displayName,
            emails: [{ value: demoEmail(person), type: 'work', primary: true }],
            phones: [],
            chatHandle: `@${person.userName.replace(/^u-/, '')}`,
            timeZone: person.timeZone,
            locale: person.locale,
            title: person.title,
            department: null,
            employeeNumber: null,
            managerId,
            organisationId: person.organisationId,
            roles: person.roles,
            active: true,
            externalId: null,
            // The id is the persona's token subject, so a token's caller is the directory's person.
          }, person.userName),
        )
      ).id;
    ids.set(person.userName, id);
  }

  const groups = app.get(GroupQueries);
  const createGroup = app.get(CreateGroupHandler);
  for (const group of GROUPS) {
    if ((await groups.byId(group.id)) === undefined) {
      const memberIds = group.members.map((userName) => ids.get(userName) ?? userName);
      await createGroup.execute(new CreateGroupCommand(SYSTEM, { name: group.name, kind: group.kind, organisationId: group.organisationId, managerId: null, roles: [], memberIds, externalId: null }, group.id));
    }
    ids.set(group.id, group.id);
  }
  return ids;
}
