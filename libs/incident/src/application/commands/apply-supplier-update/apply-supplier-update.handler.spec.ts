import { createEnvelope, supplierOfCausation, supplierUpdateEventId } from '@itsm/contracts';
import type { SupplierAction, SupplierTransition, SupplierUpdateReceived } from '@itsm/contracts';
import type { Incident, IncidentState } from '../../../domain';
import { IncidentErrorCode } from '../../../domain';
import { after, anIncident, FixedClock, InMemoryIncidents, T0 } from '../../../test-fixtures/in-memory-stores';
import { FixedActingPeople, NORTHWIND_GROUP } from '../../../test-fixtures/acting-people';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { ApplySupplierUpdateCommand } from './apply-supplier-update.command';
import type { SupplierUpdateEnvelope } from './apply-supplier-update.command';
import { ApplySupplierUpdateHandler } from './apply-supplier-update.handler';
import { SUPPLIER_RESOLUTION_CODE, supplierNoteId } from './supplier-update-commands';

interface UpdateInput {
  readonly action: SupplierAction;
  readonly transition?: SupplierTransition;
  readonly expectedState?: IncidentState;
  readonly agentId?: string;
  readonly messageId?: string;
  readonly sequence?: number;
}

let messages = 0;

/** The update-received event the exchange publishes for Northwind's inbound message about `incident`. */
function anUpdate(incident: Pick<Incident, 'id'>, input: UpdateInput): SupplierUpdateEnvelope {
  messages += 1;
  const messageId = input.messageId ?? `msg-${messages}`;
  const data: SupplierUpdateReceived = {
    ticketType: 'incident',
    ticketId: incident.id,
    supplierId: 'northwind',
    agentId: input.agentId ?? 'p-supplier',
    inboundMessageId: messageId,
    expectedState: input.expectedState ?? 'new',
    action: input.action,
    transition: input.transition ?? null,
    at: T0.toISOString(),
  };
  return createEnvelope({
    id: supplierUpdateEventId('northwind', messageId),
    source: '/itsm/supplier-exchange/northwind',
    type: 'itsm.supplier-exchange.update-received.v1',
    subject: incident.id,
    time: T0,
    data,
    sequence: input.sequence ?? messages,
    correlationid: `corr-${messageId}`,
  });
}

describe('ApplySupplierUpdateHandler (a verified supplier update, applied as the supplier agent)', () => {
  const setup = (incident: Incident = anIncident({ group: NORTHWIND_GROUP })) => {
    const store = new InMemoryIncidents().add(incident);
    const directory = new FixedActingPeople();
    const handler = new ApplySupplierUpdateHandler(new IncidentCommandRunner(store, new FixedClock(T0)), directory, directory);
    const apply = (update: SupplierUpdateEnvelope) => handler.execute(new ApplySupplierUpdateCommand(update));
    const current = async () => (await store.load(incident.id))?.aggregate;
    return { incident, store, apply, current };
  };

  it('acknowledges as the agent (start-work), once however often the update is delivered, recording the update with the write', async () => {
    const { incident, store, apply, current } = setup();
    const update = anUpdate(incident, { action: { kind: 'acknowledge', externalIdentifier: 'NW-77' }, transition: 'start-work' });
    const outcomes = [];
    for (let i = 0; i < 5; i += 1) outcomes.push(await apply(update));
    expect(outcomes).toEqual([true, false, false, false, false]);
    expect(store.savedTypes()).toEqual(['itsm.incident.work-started.v1']);
    expect(store.saved[0]?.consumed?.id).toBe(update.id);
    expect(supplierOfCausation(store.saved[0]?.consumed?.id)).toBe('northwind');
    expect(await current()).toMatchObject({ state: 'in_progress', updatedAt: T0 });
    expect(store.saved[0]?.events[0]).toMatchObject({ data: { by: 'u-supplier' } });
  });

  it('adds a supplier note as a comment by the agent with the author, and a note id sent again is one note', async () => {
    const { incident, store, apply, current } = setup();
    const note: SupplierAction = { kind: 'add-note', noteId: 'NW note #1', text: 'Line card replaced.', author: 'Jane Roe' };
    expect(await apply(anUpdate(incident, { action: note }))).toBe(true);
    expect(await apply(anUpdate(incident, { action: { ...note, text: 'Line card replaced (resent).' } }))).toBe(false);
    expect((await current())?.notes).toEqual([expect.objectContaining({ id: supplierNoteId('northwind', 'NW note #1'), kind: 'comment', body: 'Jane Roe: Line card replaced.', authorId: 'u-supplier' })]);
    expect(store.savedTypes()).toEqual(['itsm.incident.note-added.v1']);
  });

  it('keeps note ids apart per supplier (the same supplier note id of two suppliers is two notes)', () => {
    expect(supplierNoteId('northwind', 'n-1')).not.toBe(supplierNoteId('tailspin', 'n-1'));
    expect(supplierNoteId('northwind', 'n-1')).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/);
  });

  it('resolves with the supplier resolution text', async () => {
    const { incident, apply, current } = setup(after(anIncident({ group: NORTHWIND_GROUP }), T0, { kind: 'start-work' }));
    await apply(anUpdate(incident, { action: { kind: 'resolve', resolution: 'Fibre repaired.' }, transition: 'resolve', expectedState: 'in_progress' }));
    expect(await current()).toMatchObject({ state: 'resolved', resolution: { code: SUPPLIER_RESOLUTION_CODE, notes: 'Fibre repaired.', by: 'u-supplier' } });
  });

  it('asks for information: the question as a comment, then on hold awaiting the caller', async () => {
    const { incident, store, apply, current } = setup();
    const update = anUpdate(incident, { action: { kind: 'request-information', question: 'Which site?' }, transition: { kind: 'put-on-hold', reason: 'awaiting_caller' } });
    await apply(update);
    expect(store.savedTypes()).toEqual(['itsm.incident.note-added.v1', 'itsm.incident.put-on-hold.v1']);
    expect(await current()).toMatchObject({ state: 'on_hold', holdReason: 'awaiting_caller', notes: [expect.objectContaining({ id: supplierNoteId('northwind', update.id), body: 'Supplier northwind asks: Which site?' })] });
  });

  it('hands a rejected ticket back to the group it came from, unassigned, after the comment with the reason', async () => {
    const desk = { id: 'desk', orgId: 'contoso', members: ['u-agent'] };
    const escalated = after(anIncident({ group: desk, assigneeId: 'u-agent' }), T0, { kind: 'assign', group: NORTHWIND_GROUP, assigneeId: null }, { kind: 'assign', group: NORTHWIND_GROUP, assigneeId: 'u-supplier' });
    const { store, apply, current } = setup(escalated);
    const rejected = anUpdate(escalated, { action: { kind: 'reject', reason: 'Not our circuit.' }, expectedState: 'in_progress' });
    expect(await apply(rejected)).toBe(true);
    // Redelivered: the agent may no longer see the ticket, yet the duplicate is taken quietly (no dead letter).
    expect(await apply(rejected)).toBe(false);
    expect(store.savedTypes()).toEqual(['itsm.incident.note-added.v1', 'itsm.incident.assigned.v1']);
    expect(await current()).toMatchObject({ assignmentGroupId: 'desk', assignedOrgId: 'contoso', assigneeId: null, previousAssignmentGroupId: 'nw', state: 'in_progress' });
    expect(store.saved[0]?.events[1]).toMatchObject({ data: { by: 'u-supplier', previousGroupId: 'nw' } });
  });

  it('keeps a rejected ticket that came to the supplier first where it is, with the comment for the service desk', async () => {
    const { incident, apply, current } = setup();
    await apply(anUpdate(incident, { action: { kind: 'reject', reason: 'Not our circuit.' } }));
    expect(await current()).toMatchObject({ state: 'new', assignmentGroupId: 'nw', notes: [expect.objectContaining({ body: 'Rejected by supplier northwind: Not our circuit.', kind: 'comment' })] });
  });

  it('changes nothing for an update of the supplier own facts (kept by the exchange)', async () => {
    const { incident, store, apply } = setup();
    expect(await apply(anUpdate(incident, { action: { kind: 'update', externalIdentifier: 'NW-78', expectedResolutionDate: T0.toISOString() } }))).toBe(false);
    expect(store.saved).toEqual([]);
  });

  it('refuses an agent who may not see the incident (another supplier, a stranger) and an unknown or deactivated one with INCIDENT.NOT_FOUND, saving nothing', async () => {
    const { incident, store, apply } = setup();
    for (const agentId of ['p-tailspin', 'p-stranger', 'p-gone', 'p-unknown']) {
      await expect(apply(anUpdate(incident, { agentId, action: { kind: 'resolve', resolution: 'Done.' }, transition: 'resolve' }))).rejects.toMatchObject({ code: IncidentErrorCode.NotFound });
    }
    expect(store.saved).toEqual([]);
  });

  it('refuses a supplier agent once the incident is no longer assigned to its organisation', async () => {
    const { incident, store, apply } = setup(anIncident());
    await expect(apply(anUpdate(incident, { action: { kind: 'acknowledge', externalIdentifier: null }, transition: 'start-work' }))).rejects.toMatchObject({ code: IncidentErrorCode.NotFound });
    expect(store.saved).toEqual([]);
  });

  it('refuses an unknown incident (INCIDENT.NOT_FOUND)', async () => {
    const { apply } = setup();
    await expect(apply(anUpdate({ id: 'no-such-incident' }, { action: { kind: 'reject', reason: 'No.' } }))).rejects.toMatchObject({ code: IncidentErrorCode.NotFound });
  });

  it('on a stale expected state skips a transition the incident has already taken and still adds the note', async () => {
    const { incident, store, apply } = setup(after(anIncident({ group: NORTHWIND_GROUP }), T0, { kind: 'put-on-hold', reason: 'awaiting_caller' }));
    const update = anUpdate(incident, { action: { kind: 'request-information', question: 'Which floor?' }, transition: { kind: 'put-on-hold', reason: 'awaiting_caller' }, expectedState: 'in_progress' });
    expect(await apply(update)).toBe(true);
    expect(store.savedTypes()).toEqual(['itsm.incident.note-added.v1']);
  });

  it('on a stale expected state refuses a transition no longer legal with INCIDENT.ILLEGAL_TRANSITION, saving nothing', async () => {
    const closed = after(anIncident({ group: NORTHWIND_GROUP }), T0, { kind: 'resolve', code: 'fixed', notes: 'Rebooted.', cause: 'manual', causeId: null }, { kind: 'close', automatic: false });
    const { store, apply } = setup(closed);
    await expect(apply(anUpdate(closed, { action: { kind: 'acknowledge', externalIdentifier: null }, transition: 'start-work' }))).rejects.toMatchObject({ code: IncidentErrorCode.IllegalTransition });
    const resolved = after(anIncident({ group: NORTHWIND_GROUP }), T0, { kind: 'resolve', code: 'fixed', notes: 'Rebooted.', cause: 'manual', causeId: null });
    const second = setup(resolved);
    await expect(second.apply(anUpdate(resolved, { action: { kind: 'request-information', question: 'Still?' }, transition: { kind: 'put-on-hold', reason: 'awaiting_caller' }, expectedState: 'in_progress' }))).rejects.toMatchObject({
      code: IncidentErrorCode.IllegalTransition,
    });
    expect([...store.saved, ...second.store.saved]).toEqual([]);
  });
});
