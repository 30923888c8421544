import type { DirectoryEvent } from '@itsm/platform/persistence';
import type { DirectoryFeed } from '@itsm/testing';

/**
 * The people a notification spec works with (Contoso, internal; Fabrikam, supplier), each with a
 * mail address `<id>@contoso.example` unless said otherwise:
 * - `n-alice` (en, Europe/Zurich), `n-bob` (de, Europe/Berlin), `n-carol` (en, America/New_York),
 *   all three in `g-network` (kind assignment, manager `n-manager`, agent);
 * - `n-manager` (en, Europe/Zurich), `n-dave` (de-CH, Asia/Tokyo, chat handle `@dave`) in
 *   `g-network-oncall` (kind on_call, manager `n-manager`) with `n-alice`;
 * - `n-caller` (en, Europe/London), who opens tickets; `n-nomail` (no address, UTC);
 * - `n-supplier` (Fabrikam, en, UTC) in `g-fabrikam` (kind assignment, supplier-agent);
 * - `n-gone` (deactivated).
 */
export function notificationDirectory(feed: DirectoryFeed): DirectoryEvent[] {
  const person = (personId: string, organisationId: string, locale: string, timeZone: string, extra: { mail?: boolean; chatHandle?: string } = {}) =>
    feed.person({
      personId,
      userName: personId,
      displayName: personId,
      organisationId,
      locale,
      timeZone,
      chatHandle: extra.chatHandle ?? null,
      emails: extra.mail === false ? [] : [{ value: `${personId}@${organisationId}.example`, type: 'work', primary: true }],
    });
  return [
    feed.organisation({ organisationId: 'contoso', name: 'Contoso', kind: 'internal' }),
    feed.organisation({ organisationId: 'fabrikam', name: 'Fabrikam', kind: 'supplier' }),
    person('n-alice', 'contoso', 'en', 'Europe/Zurich'),
    person('n-bob', 'contoso', 'de', 'Europe/Berlin'),
    person('n-carol', 'contoso', 'en', 'America/New_York'),
    person('n-manager', 'contoso', 'en', 'Europe/Zurich'),
    person('n-dave', 'contoso', 'de-CH', 'Asia/Tokyo', { chatHandle: '@dave' }),
    person('n-caller', 'contoso', 'en', 'Europe/London'),
    person('n-nomail', 'contoso', 'en', 'UTC', { mail: false }),
    person('n-supplier', 'fabrikam', 'en', 'UTC'),
    feed.person({ personId: 'n-gone', userName: 'n-gone', organisationId: 'contoso', active: false }, 'itsm.directory.person-deactivated.v1'),
    feed.group({ groupId: 'g-network', name: 'Network', kind: 'assignment', organisationId: 'contoso', managerId: 'n-manager', roles: ['agent'] }),
    feed.membersAdded('g-network', ['n-alice', 'n-bob', 'n-carol']),
    feed.group({ groupId: 'g-network-oncall', name: 'Network on call', kind: 'on_call', organisationId: 'contoso', managerId: 'n-manager', roles: ['agent'] }),
    feed.membersAdded('g-network-oncall', ['n-alice', 'n-dave']),
    feed.group({ groupId: 'g-fabrikam', name: 'Fabrikam', kind: 'assignment', organisationId: 'fabrikam', roles: ['supplier-agent'] }),
    feed.membersAdded('g-fabrikam', ['n-supplier']),
  ];
}
