import { retryOnConflict } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { TicketFact, TicketTimeline } from '../../../domain';
import { SlaError, SlaErrorCode } from '../../../domain';
import { SlaTicketStore } from '../../../persistence';
import { ClockProjector } from '../../clock-projector';
import { SLA_TIMERS } from '../../sla-timers.port';
import type { SlaTimers } from '../../sla-timers.port';
import type { TicketChange, TrackTicketCommand } from './track-ticket.command';

export type TrackOutcome = 'applied' | 'duplicate' | 'unknown_ticket';

/** Appends a ticket event to the history the clocks derive from (a fact only when something changed). */
export function appendChange(timeline: TicketTimeline | undefined, change: TicketChange): TicketTimeline {
  const base: TicketTimeline = timeline ?? {
    ticketType: change.ticketType,
    ticketId: change.ticketId,
    number: change.opened?.number ?? change.ticketId,
    callerId: change.opened?.callerId ?? 'unknown',
    orderedById: null,
    configurationItemIds: change.opened?.configurationItemIds ?? [],
    facts: [],
  };
  // Any event of a request names its orderer: a history stored before the orderer was kept learns it from the next one.
  const orderedById = base.orderedById ?? change.orderedById ?? null;
  const last = base.facts[base.facts.length - 1];
  const fact: TicketFact = {
    sequence: change.sequence,
    at: change.at,
    state: change.patch.state,
    priority: change.patch.priority ?? last?.priority ?? 5,
    serviceId: change.patch.serviceId !== undefined ? change.patch.serviceId : (last?.serviceId ?? null),
    customerOrgId: change.patch.customerOrgId !== undefined ? change.patch.customerOrgId : (last?.customerOrgId ?? null),
    groupId: change.patch.groupId !== undefined ? change.patch.groupId : (last?.groupId ?? null),
    supplierOrgId: change.patch.supplierOrgId !== undefined ? change.patch.supplierOrgId : (last?.supplierOrgId ?? null),
    offeringId: change.patch.offeringId !== undefined ? change.patch.offeringId : (last?.offeringId ?? null),
    catalogItemId: change.patch.catalogItemId !== undefined ? change.patch.catalogItemId : (last?.catalogItemId ?? null),
  };
  const changed =
    last === undefined ||
    last.state !== fact.state ||
    last.priority !== fact.priority ||
    last.serviceId !== fact.serviceId ||
    last.customerOrgId !== fact.customerOrgId ||
    last.groupId !== fact.groupId ||
    last.supplierOrgId !== fact.supplierOrgId ||
    last.offeringId !== fact.offeringId ||
    last.catalogItemId !== fact.catalogItemId;
  let cis = base.configurationItemIds;
  if (change.linkedCi !== undefined) {
    const { id, linked } = change.linkedCi;
    cis = linked ? (cis.includes(id) ? cis : [...cis, id]) : cis.filter((c) => c !== id);
  }
  return { ...base, orderedById, configurationItemIds: cis, facts: changed ? [...base.facts, fact] : base.facts };
}

/**
 * Follows one ticket event: a duplicate or older event changes nothing (the stored last sequence
 * is the inbox); otherwise the history grows and the clocks are derived and stored again.
 */
@Injectable()
export class TrackTicketHandler {
  constructor(
    @Inject(SlaTicketStore) private readonly tickets: SlaTicketStore,
    @Inject(ClockProjector) private readonly projector: ClockProjector,
    @Inject(SLA_TIMERS) private readonly timers: SlaTimers,
  ) {}

  async execute({ change, partition }: TrackTicketCommand): Promise<TrackOutcome> {
    await this.timers.whenReady(partition);
    return retryOnConflict(
      async () => {
        const existing = await this.tickets.find(change.ticketType, change.ticketId);
        if (existing !== undefined && change.sequence <= existing.lastSequence) return 'duplicate';
        if (existing === undefined && change.opened === undefined) return 'unknown_ticket';
        const timeline = appendChange(existing?.timeline, change);
        await this.projector.project(timeline, partition, change.sequence, existing);
        return 'applied';
      },
      () => new SlaError(SlaErrorCode.Conflict, `SLA clocks of ${change.ticketId} are being changed concurrently`),
    );
  }
}
