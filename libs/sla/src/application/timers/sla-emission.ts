import { createEnvelope } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { createHash } from 'node:crypto';
import type { DueEmission } from '../../domain';
import type { ArmRequest, ClockMeta } from './armed-ticket';

/** The ticket an emission belongs to: its timer key and who it is. */
export type EmittingTicket = Pick<ArmRequest, 'ticketType' | 'ticketId' | 'number'> & { readonly key: string };

export const SLA_SOURCE = '/itsm/sla';

/** The same emission always gets the same id, whichever replica or restart builds it. */
export function emissionEventId(ticketKey: string, key: string): string {
  return createHash('sha256').update(`${ticketKey}\u0000${key}`).digest('hex').slice(0, 32);
}

/** What every event of the SLA stream says about its clock and ticket (the contract's `clockEvent` fields). */
export function clockEventFields(ticket: Pick<EmittingTicket, 'ticketType' | 'ticketId' | 'number'>, clock: ClockMeta, dueAt: number, at: Date) {
  return {
    ticketType: ticket.ticketType,
    ticketId: ticket.ticketId,
    ticketNumber: ticket.number,
    clockId: clock.clockId,
    definitionId: clock.definitionId,
    definitionName: clock.definitionName,
    kind: clock.kind,
    target: clock.target,
    targetMs: clock.targetMs,
    segmentOrgId: clock.segment?.orgId ?? null,
    segmentGroupId: clock.segment?.groupId ?? null,
    dueAt: new Date(dueAt).toISOString(),
    at: at.toISOString(),
  };
}

/** The warning or breach event for one due emission of a ticket, numbered `sequence` in the ticket's SLA stream. */
export function emissionEnvelope(ticket: EmittingTicket, clock: ClockMeta, emission: DueEmission, sequence: number, firedAt: Date): EventEnvelope {
  const common = clockEventFields(ticket, clock, emission.dueAt, firedAt);
  const breach = emission.percent >= 100;
  const tenant = clock.segment?.orgId;
  return createEnvelope({
    id: emissionEventId(ticket.key, emission.key),
    source: SLA_SOURCE,
    type: breach ? 'itsm.sla.clock-breached.v1' : 'itsm.sla.clock-warning.v1',
    subject: ticket.ticketId,
    time: firedAt,
    data: breach ? common : { ...common, thresholdPercent: emission.percent },
    sequence,
    correlationid: `sla:${ticket.ticketId}`,
    ...(tenant ? { tenant } : {}),
  });
}
