import { createEnvelope } from '@itsm/contracts';
import type { EventEnvelope, EventTypeOf, slaTopic } from '@itsm/contracts';
import type { LifecycleChange, LifecycleEmission, SlaClock, TicketTimeline } from '../../domain';
import { ticketKey } from '../../persistence';
import { clockEventFields, emissionEventId } from '../timers/sla-emission';

/**
 * The source of the clocks' lifecycle events: their own stream beside the warnings and breaches
 * (`/itsm/sla`, numbered by the timers), so each stream's sequence counts its own events and a
 * consumer ordering by (source, subject, sequence) sees both gap-free.
 */
export const SLA_LIFECYCLE_SOURCE = '/itsm/sla/lifecycle';

type SlaEventType = EventTypeOf<typeof slaTopic>;

/** The event type and the fields a change adds to the clock's common ones (its dueAt apart). */
function typed(change: LifecycleChange): { type: SlaEventType; fields: Record<string, unknown> } {
  const iso = (ms: number): string => new Date(ms).toISOString();
  switch (change.kind) {
    case 'started':
      return { type: 'itsm.sla.clock-started.v1', fields: { startedAt: iso(change.at) } };
    case 'paused':
      return { type: 'itsm.sla.clock-paused.v1', fields: { pausedAt: iso(change.at), elapsedMs: change.elapsedMs } };
    case 'rescheduled':
      return { type: 'itsm.sla.clock-rescheduled.v1', fields: { resumedAt: iso(change.at), elapsedMs: change.elapsedMs } };
    case 'stopped':
      return { type: 'itsm.sla.clock-stopped.v1', fields: { stoppedAt: iso(change.at), outcome: change.outcome, elapsedMs: change.elapsedMs, pausedMs: change.pausedMs } };
    case 'canceled':
      return { type: 'itsm.sla.clock-canceled.v1', fields: { canceledAt: iso(change.at), reason: change.reason, elapsedMs: change.elapsedMs } };
  }
}

/**
 * The envelopes of a ticket's lifecycle emissions, numbered after the `written` events of its
 * lifecycle stream. The id derives from the ticket and the emission key: a re-derivation that
 * finds the same change again builds the same id (and the written keys keep it from being built twice).
 */
export function lifecycleEnvelopes(timeline: TicketTimeline, clocks: readonly SlaClock[], emissions: readonly LifecycleEmission[], written: number, now: Date): EventEnvelope[] {
  const key = ticketKey(timeline.ticketType, timeline.ticketId);
  const ticket = { ticketType: timeline.ticketType, ticketId: timeline.ticketId, number: timeline.number };
  const out: EventEnvelope[] = [];
  for (const emission of emissions) {
    const clock = clocks.find((c) => c.clockId === emission.clockId);
    if (clock === undefined) continue;
    const { type, fields } = typed(emission.change);
    const tenant = clock.segment?.orgId;
    out.push(
      createEnvelope({
        id: emissionEventId(key, emission.key),
        source: SLA_LIFECYCLE_SOURCE,
        type,
        subject: timeline.ticketId,
        time: now,
        data: { ...fields, ...clockEventFields(ticket, clock, emission.change.dueAt, now) },
        sequence: written + out.length + 1,
        correlationid: `sla:${timeline.ticketId}`,
        ...(tenant ? { tenant } : {}),
      }),
    );
  }
  return out;
}
