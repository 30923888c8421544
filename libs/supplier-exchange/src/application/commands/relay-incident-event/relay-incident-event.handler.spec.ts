import { InMemoryDirectoryProjection } from '@itsm/platform/persistence';
import { DirectoryFeed } from '@itsm/testing';
import { parseSupplierConnection, SupplierExchangeErrorCode } from '../../../domain';
import type { CorrelationRecord, SupplierOutboundEvent, TicketView } from '../../../domain';
import { connection, IncidentStream } from '../../../test-fixtures/incident-stream';
import { CorrelationStore, SupplierConnectionStore, TicketViewStore } from '../../ports/supplier-exchange-stores.port';
import type { StoredCorrelation, StoredSupplierConnection } from '../../ports/supplier-exchange-stores.port';
import { checkInboundKey } from '../../supplier-connections/inbound-keys';
import { outboundChecks } from '../../supplier-connections/outbound-checks';
import { SupplierConnections } from '../../supplier-connections/supplier-connections';
import { RelayIncidentEventCommand } from './relay-incident-event.command';
import { RelayIncidentEventHandler } from './relay-incident-event.handler';

class Views extends TicketViewStore {
  readonly saved = new Map<string, TicketView>();
  async get(id: string) {
    return this.saved.get(id) ?? null;
  }
  async save(view: TicketView) {
    if ((this.saved.get(view.id)?.sequence ?? 0) >= view.sequence) return 'stale' as const;
    this.saved.set(view.id, view);
    return 'saved' as const;
  }
}

class Correlations extends CorrelationStore {
  readonly records = new Map<string, StoredCorrelation>();
  readonly sent: SupplierOutboundEvent[] = [];
  async forTicket(ticketId: string) {
    return [...this.records.values()].filter((s) => s.record.ticketId === ticketId);
  }
  async applyInbound(): Promise<'applied'> {
    throw new Error('relaying an incident event applies no supplier message');
  }
  async save(stored: StoredCorrelation | null, record: CorrelationRecord, events: readonly SupplierOutboundEvent[]) {
    const key = `${record.ticketId}/${record.supplierId}`;
    if ((this.records.get(key)?.version ?? null) !== (stored?.version ?? null)) throw new Error('conflict');
    this.records.set(key, { record, version: (stored?.version ?? 0) + 1, receipts: [] });
    this.sent.push(...events);
  }
}

class Connections extends SupplierConnectionStore {
  reads = 0;
  constructor(private readonly all: StoredSupplierConnection[]) {
    super();
  }
  async save(input: unknown): Promise<StoredSupplierConnection> {
    const stored = { connection: parseSupplierConnection(input, checkInboundKey, outboundChecks(false)), version: 1 };
    this.all.push(stored);
    return stored;
  }
  async get(id: string) {
    return this.all.find((s) => s.connection.supplierId === id) ?? null;
  }
  async list() {
    this.reads += 1;
    return this.all;
  }
  async byOrganisation(org: string) {
    return this.all.find((s) => s.connection.organisationId === org) ?? null;
  }
}

describe('RelayIncidentEventHandler', () => {
  const setup = async () => {
    const views = new Views();
    const correlations = new Correlations();
    const store = new Connections([{ connection: connection(), version: 1 }, { connection: connection({ supplierId: 'globex', organisationId: 'org-globex', name: 'Globex' }), version: 1 }]);
    const now = { t: 0 };
    const connections = new SupplierConnections(store, { now: () => new Date(now.t) }, 5_000);
    const feed = new DirectoryFeed();
    const directory = await new InMemoryDirectoryProjection().feed(feed.person({ personId: 'p-caller', userName: 'jane', displayName: 'Jane Doe', emails: [{ value: 'jane.doe@contoso.com', type: 'work', primary: true }] }));
    const handler = new RelayIncidentEventHandler(views, correlations, connections, directory);
    return { views, correlations, store, now, handler, connections };
  };

  it('sends the assigned supplier its events and reads the connections once within the cache time', async () => {
    const { handler, correlations, store } = await setup();
    const s = new IncidentStream('inc-h1');
    for (const event of [s.opened(), s.assigned('grp-acme', 'org-acme', 'new'), s.note('comment', 'hello', { state: 'new' })]) await handler.execute(new RelayIncidentEventCommand(event));
    expect(correlations.sent.map((e) => [e.type, e.tenant, e.sequence])).toEqual([
      ['itsm.supplier.trouble-ticket-created.v1', 'acme', 1],
      ['itsm.supplier.trouble-ticket-note-added.v1', 'acme', 2],
    ]);
    expect(correlations.sent[0]?.data.event.troubleTicket.relatedParty[0]?.contactMedium[0]?.value).toBe('j***@contoso.com');
    expect(store.reads).toBe(1);
  });

  it('changes nothing for a redelivered event', async () => {
    const { handler, correlations } = await setup();
    const s = new IncidentStream('inc-h2');
    const opened = s.opened({ assignmentGroupId: 'grp-acme', assignedOrgId: 'org-acme' });
    await handler.execute(new RelayIncidentEventCommand(opened));
    await expect(handler.execute(new RelayIncidentEventCommand(opened))).resolves.toEqual({ suppliers: [], events: 0 });
    expect(correlations.sent).toHaveLength(1);
  });

  it('refuses an event about a ticket not seen opened with SUPPLIER_EXCHANGE.UNKNOWN_TICKET', async () => {
    const { handler, views } = await setup();
    const s = new IncidentStream('inc-h3');
    s.opened();
    await expect(handler.execute(new RelayIncidentEventCommand(s.assigned('grp-acme', 'org-acme')))).rejects.toMatchObject({ code: SupplierExchangeErrorCode.UnknownTicket });
    expect(views.saved.size).toBe(0);
  });

  it("applies an admin's new connection once the cache time has passed, without a restart", async () => {
    const { handler, correlations, store, now } = await setup();
    await store.save(connection({ supplierId: 'initech', organisationId: 'org-initech', name: 'Initech' }));
    const s = new IncidentStream('inc-h4');
    await handler.execute(new RelayIncidentEventCommand(s.opened()));
    await handler.execute(new RelayIncidentEventCommand(s.assigned('grp-initech', 'org-initech')));
    expect(correlations.sent.map((e) => e.tenant)).toEqual(['initech']);
    // A connection saved behind the cache's back is seen after the cache time only.
    const r = new IncidentStream('inc-h5');
    await handler.execute(new RelayIncidentEventCommand(r.opened()));
    await store.save(connection({ supplierId: 'hooli', organisationId: 'org-hooli', name: 'Hooli' }));
    await handler.execute(new RelayIncidentEventCommand(r.assigned('grp-hooli', 'org-hooli')));
    expect(correlations.sent.map((e) => e.tenant)).toEqual(['initech']);
    now.t += 5_000;
    const t = new IncidentStream('inc-h6');
    await handler.execute(new RelayIncidentEventCommand(t.opened()));
    await handler.execute(new RelayIncidentEventCommand(t.assigned('grp-hooli', 'org-hooli')));
    expect(correlations.sent.map((e) => e.tenant)).toEqual(['initech', 'hooli']);
  });
});
