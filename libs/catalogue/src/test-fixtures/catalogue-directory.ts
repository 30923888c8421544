import type { DirectoryEvent } from '@itsm/platform/persistence';
import type { DirectoryFeed } from '@itsm/testing';

/**
 * The people a catalogue spec works with. Contoso (internal), Northwind (customer) and Fabrikam
 * (supplier):
 * - `p-requester` (Contoso, manager `p-manager`), `p-other` (Contoso, manager `p-manager`),
 *   `p-customer` (Northwind, no manager), `p-manager` (Contoso);
 * - `p-owner` (a service owner), `p-catadmin` (catalogue-admin);
 * - `p-approver-1..3` in `g-access-approvers` (kind approval, Contoso);
 * - `p-steering-1..2` in `g-portfolio-steering` (kind approval, Contoso);
 * - `p-fulfiller` in `g-service-desk` (kind assignment, Contoso, agent);
 * - `p-supplier` in `g-fabrikam-hosting` (kind assignment, Fabrikam, supplier-agent);
 * - `p-gone` (deactivated).
 */
export function catalogueDirectory(feed: DirectoryFeed): DirectoryEvent[] {
  const person = (personId: string, organisationId: string, extra: { managerId?: string; roles?: string[] } = {}) =>
    feed.person({ personId, userName: personId, displayName: personId, organisationId, roles: extra.roles ?? [], managerId: extra.managerId ?? null, timeZone: 'Europe/Zurich' });
  return [
    feed.organisation({ organisationId: 'contoso', name: 'Contoso', kind: 'internal' }),
    feed.organisation({ organisationId: 'northwind', name: 'Northwind', kind: 'customer' }),
    feed.organisation({ organisationId: 'fabrikam', name: 'Fabrikam', kind: 'supplier' }),
    person('p-manager', 'contoso'),
    person('p-requester', 'contoso', { managerId: 'p-manager' }),
    person('p-other', 'contoso', { managerId: 'p-manager' }),
    person('p-customer', 'northwind'),
    person('p-owner', 'contoso'),
    person('p-catadmin', 'contoso', { roles: ['catalogue-admin'] }),
    person('p-approver-1', 'contoso'),
    person('p-approver-2', 'contoso'),
    person('p-approver-3', 'contoso'),
    person('p-steering-1', 'contoso'),
    person('p-steering-2', 'contoso'),
    person('p-fulfiller', 'contoso'),
    person('p-supplier', 'fabrikam'),
    feed.person({ personId: 'p-gone', userName: 'p-gone', organisationId: 'contoso', active: false }, 'itsm.directory.person-deactivated.v1'),
    feed.group({ groupId: 'g-access-approvers', name: 'Access approvers', kind: 'approval', organisationId: 'contoso', roles: [] }),
    feed.membersAdded('g-access-approvers', ['p-approver-1', 'p-approver-2', 'p-approver-3']),
    feed.group({ groupId: 'g-portfolio-steering', name: 'Portfolio steering', kind: 'approval', organisationId: 'contoso', roles: [] }),
    feed.membersAdded('g-portfolio-steering', ['p-steering-1', 'p-steering-2']),
    feed.group({ groupId: 'g-service-desk', name: 'Service desk', kind: 'assignment', organisationId: 'contoso', roles: ['agent'] }),
    feed.membersAdded('g-service-desk', ['p-fulfiller']),
    feed.group({ groupId: 'g-fabrikam-hosting', name: 'Fabrikam hosting', kind: 'assignment', organisationId: 'fabrikam', roles: ['supplier-agent'] }),
    feed.membersAdded('g-fabrikam-hosting', ['p-supplier']),
  ];
}
