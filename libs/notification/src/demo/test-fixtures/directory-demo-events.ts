import type { DirectoryEvent } from '@itsm/platform/persistence';
import type { DirectoryFeed } from '@itsm/testing';

/** What the directory demo announces of the people and group the on-call demo names (ids as its events carry them). */
export function directoryDemoEvents(feed: DirectoryFeed): DirectoryEvent[] {
  const person = (personId: string) => feed.person({ personId, userName: personId, organisationId: 'northwind-networks' });
  return [
    person('u-supplier-agent'),
    person('u-nina'),
    person('u-incident-manager'),
    feed.group({ groupId: 'network-ops', name: 'Network Operations', organisationId: 'northwind-networks' }),
    feed.membersAdded('network-ops', ['u-supplier-agent', 'u-nina']),
  ];
}
