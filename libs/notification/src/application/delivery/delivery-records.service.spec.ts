import type { TicketRef } from '../../domain';
import { claimedDelivery } from '../../domain/delivery';
import { SPEC_TICKET, specNotice } from '../../domain/delivery/test-fixtures/spec-notice';
import { StoredDeliveryRecords } from './delivery-records.service';
import { InMemoryDeliveryStore } from './test-fixtures/in-memory-delivery-store';

const T0 = 1_700_000_000_000;
const OTHER: TicketRef = { ...SPEC_TICKET, id: 'inc-2', number: 'INC0000002', link: 'https://portal.itsm.test/incidents/inc-2', rootId: 'inc-2' };

describe('StoredDeliveryRecords', () => {
  it('answers the ticket a reply would comment on: the one every item is about, none for a digest across tickets', async () => {
    const store = new InMemoryDeliveryStore();
    const mailOf = (id: string, tickets: readonly TicketRef[]) => claimedDelivery(id, specNotice({ items: tickets.flatMap((ticket, i) => specNotice({ key: `${id}-${i}` }, ticket).items) }), { kind: 'suppress', reason: 'preference_off' }, T0);
    await store.claimMany([mailOf('one-ticket', [SPEC_TICKET, SPEC_TICKET]), mailOf('across', [SPEC_TICKET, OTHER])]);
    const records = new StoredDeliveryRecords(store);
    expect(await records.find('one-ticket')).toMatchObject({ deliveryId: 'one-ticket', ticket: SPEC_TICKET });
    expect(await records.find('across')).toMatchObject({ deliveryId: 'across', ticket: null });
    expect(await records.find('missing')).toBeNull();
  });
});
