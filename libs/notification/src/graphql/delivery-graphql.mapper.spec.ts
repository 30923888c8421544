import type { TicketRef } from '../domain';
import { claimedDelivery } from '../domain/delivery';
import { SPEC_TICKET, specNotice } from '../domain/delivery/test-fixtures/spec-notice';
import { toInboxGql } from './delivery-graphql.mapper';

const T0 = 1_700_000_000_000;
const message = { locale: 'en', subject: 'Digest: 2 notifications', text: 'INC0000001 Router down\nINC0000002 Printer jam', html: null };
const OTHER: TicketRef = { ...SPEC_TICKET, id: 'inc-2', number: 'INC0000002', title: 'Printer jam', link: 'https://portal.itsm.test/incidents/inc-2', rootId: 'inc-2' };

describe('toInboxGql', () => {
  const inbox = (tickets: readonly TicketRef[]) => {
    const items = tickets.flatMap((ticket, i) => specNotice({ key: `evt-${i}` }, ticket).items);
    return toInboxGql(claimedDelivery('d1', specNotice({ channel: 'in_app', recipient: { kind: 'person', personId: 'p1', displayName: 'P', email: null, locale: null, timeZone: null, chatHandle: null }, items }), { kind: 'in_app', message }, T0));
  };

  it('names the ticket and links to it when every item is about it', () => {
    expect(inbox([SPEC_TICKET, SPEC_TICKET])).toMatchObject({ ticketNumber: 'INC0000001', link: SPEC_TICKET.link, itemCount: 2, read: false });
  });

  it('names no ticket for a digest across tickets (not its first item\'s), keeping the count and the text listing each', () => {
    expect(inbox([SPEC_TICKET, OTHER])).toMatchObject({ ticketNumber: null, link: null, itemCount: 2, text: message.text });
  });
});
