import { InMemoryDirectoryProjection } from '@itsm/platform/persistence';
import type { DirectoryEvent } from '@itsm/platform/persistence';
import type { DirectoryFeed } from '@itsm/testing';
import { ProjectedPeople } from '../projections/projected-people';

/**
 * `People` over the platform's in-memory directory projection: the very reads the service uses
 * (ProjectedPeople), fed with directory events (`DirectoryFeed` from @itsm/testing).
 */
export class InMemoryPeople extends ProjectedPeople {
  constructor(readonly projection = new InMemoryDirectoryProjection()) {
    super(projection);
  }

  async feed(...events: DirectoryEvent[]): Promise<this> {
    await this.projection.feed(...events);
    return this;
  }
}

/**
 * Contoso (internal) and Fabrikam (supplier) with: `p-manager` (change-manager), `p-requester`,
 * `p-implementer` and `p-supplier` (implementer through their groups), `p-cab-1..3` (the CAB group,
 * cab-member), `p-gone` (deactivated); groups `g-network` (Contoso's assignment group: p-implementer,
 * p-gone), `g-fabrikam-ops` (Fabrikam's assignment group: p-supplier), `g-cab` (kind cab).
 */
export function changeDirectory(feed: DirectoryFeed): DirectoryEvent[] {
  const person = (personId: string, organisationId: string, roles: string[] = []) => feed.person({ personId, userName: personId, displayName: personId, organisationId, roles, timeZone: 'Europe/Zurich' });
  return [
    feed.organisation({ organisationId: 'contoso', name: 'Contoso', kind: 'internal' }),
    feed.organisation({ organisationId: 'fabrikam', name: 'Fabrikam', kind: 'supplier' }),
    person('p-manager', 'contoso', ['change-manager']),
    person('p-requester', 'contoso'),
    person('p-implementer', 'contoso'),
    person('p-supplier', 'fabrikam'),
    person('p-cab-1', 'contoso'),
    person('p-cab-2', 'contoso'),
    person('p-cab-3', 'contoso'),
    feed.person({ personId: 'p-gone', userName: 'p-gone', organisationId: 'contoso', active: false }, 'itsm.directory.person-deactivated.v1'),
    feed.group({ groupId: 'g-network', name: 'Network', kind: 'assignment', organisationId: 'contoso', roles: ['implementer'] }),
    feed.membersAdded('g-network', ['p-implementer', 'p-gone']),
    feed.group({ groupId: 'g-fabrikam-ops', name: 'Fabrikam operations', kind: 'assignment', organisationId: 'fabrikam', roles: ['implementer'] }),
    feed.membersAdded('g-fabrikam-ops', ['p-supplier']),
    feed.group({ groupId: 'g-cab', name: 'CAB', kind: 'cab', organisationId: 'contoso', roles: ['cab-member'] }),
    feed.membersAdded('g-cab', ['p-cab-1', 'p-cab-2', 'p-cab-3']),
  ];
}
