import { DLQ_HEADERS } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { DirectoryFeed, expectEventually } from '@itsm/testing';
import { SupplierConnections } from '../application/supplier-connections/supplier-connections';
import type { SupplierOutboundEvent } from '../domain';
import { bootSupplierExchangeContext } from '../test-fixtures/booted-supplier-exchange-context';
import type { BootedSupplierExchangeContext } from '../test-fixtures/booted-supplier-exchange-context';
import { connection, IncidentStream } from '../test-fixtures/incident-stream';

const A_TOPIC = 'itsm.supplier.acme.out.v1';
const B_TOPIC = 'itsm.supplier.globex.out.v1';
const DLQ = 'itsm.incident.v1.dlq';

/** The incident stream on the real bus and MongoDB: what each supplier's own topic receives. */
describe('itsm.incident.v1 -> suppliers\' outbound topics', () => {
  let booted: BootedSupplierExchangeContext;
  const on = (topic: string, ticketId: string): SupplierOutboundEvent[] =>
    booted.published.filter((e) => e.subject === ticketId && e.tenant === topic.split('.')[2]).map((e) => e as SupplierOutboundEvent);
  const kinds = (events: readonly SupplierOutboundEvent[]) => events.map((e) => e.type.replace('itsm.supplier.trouble-ticket-', '').replace('.v1', ''));
  const publish = (...events: EventEnvelope[]) => booted.bus.publishEnvelopes('itsm.incident.v1', events);

  beforeAll(async () => {
    booted = await bootSupplierExchangeContext([A_TOPIC, B_TOPIC]);
    const connections = booted.app.get(SupplierConnections);
    await connections.save(connection({ supplierId: 'acme', organisationId: 'org-acme', name: 'Acme Networks' }), null);
    await connections.save(connection({ supplierId: 'globex', organisationId: 'org-globex', name: 'Globex Field' }), null);
    const feed = new DirectoryFeed();
    await booted.projectDirectory(
      feed.person({ personId: 'p-caller', userName: 'jane.doe', displayName: 'Jane Doe', organisationId: 'org-customer', emails: [{ value: 'jane.doe@contoso.com', type: 'work', primary: true }] }),
    );
  });
  afterAll(() => booted.close());

  it("sends A create, status and note events in order (no work note, the caller's email masked), B nothing; reassigned to B: A a final event and nothing after, B the create; a redelivery sends nothing twice", async () => {
    const s = new IncidentStream('inc-sx-1');
    await publish(
      s.opened(),
      s.assigned('grp-acme-net', 'org-acme', 'new'),
      s.next('itsm.incident.work-started.v1', { state: 'in_progress' }),
      s.note('work_note', 'internal: caller is a VIP'),
    );
    const note = s.note('comment', 'Please check the router');
    await publish(note);
    await expectEventually(() => expect(kinds(on(A_TOPIC, 'inc-sx-1'))).toEqual(['created', 'status-changed', 'note-added']));
    const a = on(A_TOPIC, 'inc-sx-1');
    expect(a.map((e) => e.sequence)).toEqual([1, 2, 3]);
    expect(a.map((e) => e.data.sequence)).toEqual([1, 2, 3]);
    expect(JSON.stringify(a)).not.toContain('VIP');
    expect(a[2]?.data.event.troubleTicket.relatedParty[0]?.contactMedium).toEqual([{ mediumType: 'email', value: 'j***@contoso.com', masked: true }]);
    expect(a[2]?.data.event.troubleTicket.note.map((n) => n.text)).toEqual(['Please check the router']);

    // The comment delivered again: the record has taken it, nothing is sent twice.
    await publish(note);
    await publish(s.assigned('grp-globex', 'org-globex'));
    await expectEventually(() => expect(kinds(on(B_TOPIC, 'inc-sx-1'))).toEqual(['created']));
    await expectEventually(() => expect(kinds(on(A_TOPIC, 'inc-sx-1'))).toEqual(['created', 'status-changed', 'note-added', 'withdrawn']));
    expect(on(A_TOPIC, 'inc-sx-1')[3]?.sequence).toBe(4);
    expect(on(B_TOPIC, 'inc-sx-1')[0]?.data.event.troubleTicket.note.map((n) => n.text)).toEqual(['Please check the router']);

    // After the withdrawal A hears nothing more; B hears the next comment.
    await publish(s.note('comment', 'Globex on site at 14:00'));
    await expectEventually(() => expect(kinds(on(B_TOPIC, 'inc-sx-1'))).toEqual(['created', 'note-added']));
    expect(kinds(on(A_TOPIC, 'inc-sx-1'))).toEqual(['created', 'status-changed', 'note-added', 'withdrawn']);
    // Every event went to its own supplier's topic only.
    expect(booted.published.filter((e) => e.subject === 'inc-sx-1').length).toBe(6);
  });

  it('dead-letters an event about a ticket not seen opened with SUPPLIER_EXCHANGE.UNKNOWN_TICKET, and the stream keeps flowing', async () => {
    const unknown = new IncidentStream('inc-sx-unknown');
    unknown.opened();
    const assigned = unknown.assigned('grp-acme-net', 'org-acme');
    const s = new IncidentStream('inc-sx-2');
    await publish(assigned, s.opened({ assignmentGroupId: 'grp-acme-net', assignedOrgId: 'org-acme' }));
    const deadLettered = () =>
      booted.bus.records(DLQ).filter((record) => String(record.headers['ce_id']) === assigned.id).map((record) => String(record.headers[DLQ_HEADERS.reason]).replace(/^MessagingError: /, '').split(':')[0]);
    await expectEventually(() => expect(deadLettered()).toEqual(['SUPPLIER_EXCHANGE.UNKNOWN_TICKET']));
    await expectEventually(() => expect(kinds(on(A_TOPIC, 'inc-sx-2'))).toEqual(['created']));
    expect(on(A_TOPIC, 'inc-sx-unknown')).toEqual([]);
  });
});
