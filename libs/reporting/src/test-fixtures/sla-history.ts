import { createEnvelope } from '@itsm/contracts';
import type { SlaEvent } from '../domain';
import { SLA_LIFECYCLE_SOURCE } from '../domain';
import { HOUR, MIN } from './incident-history';

type Kind = 'SLA' | 'OLA' | 'UC';

/** A clock's description, as every event of it carries. */
export interface ClockSpec {
  readonly ticketId: string;
  readonly clockId: string;
  readonly definitionId: string;
  readonly kind: Kind;
  readonly targetMs: number;
  readonly segmentOrgId: string | null;
}

/**
 * A scripted SLA stream as libs/sla emits it: lifecycle events under `/itsm/sla/lifecycle` and
 * warnings and breaches under `/itsm/sla`, each numbered per ticket in its own sequence; the event
 * id is deterministic (a redelivery carries the same one).
 */
export function slaStream() {
  const sequences = new Map<string, number>();
  return (clock: ClockSpec, type: SlaEvent['type'], dueAt: string, fields: Record<string, unknown>): SlaEvent => {
    const source = type === 'itsm.sla.clock-warning.v1' || type === 'itsm.sla.clock-breached.v1' ? '/itsm/sla' : SLA_LIFECYCLE_SOURCE;
    const key = `${source}|${clock.ticketId}`;
    const sequence = (sequences.get(key) ?? 0) + 1;
    sequences.set(key, sequence);
    const at = (Object.values(fields).find((v) => typeof v === 'string' && v.endsWith('Z')) as string | undefined) ?? dueAt;
    const data = {
      ...fields,
      ticketType: 'incident',
      ticketId: clock.ticketId,
      ticketNumber: `INC-${clock.ticketId}`,
      clockId: clock.clockId,
      definitionId: clock.definitionId,
      definitionName: `Definition ${clock.definitionId}`,
      kind: clock.kind,
      target: 'resolution',
      targetMs: clock.targetMs,
      segmentOrgId: clock.segmentOrgId,
      segmentGroupId: clock.segmentOrgId === null ? null : `${clock.segmentOrgId}-group`,
      dueAt,
      at,
    };
    return createEnvelope({ id: `${clock.ticketId}-${source === SLA_LIFECYCLE_SOURCE ? 'l' : 'a'}${sequence}`, source, type, subject: clock.ticketId, time: new Date(at), data, sequence, correlationid: `sla:${clock.ticketId}` }) as unknown as SlaEvent;
  };
}

const P2 = { definitionId: 'p2-resolution', kind: 'SLA', targetMs: 4 * HOUR, segmentOrgId: null } as const;
export const CLOCK_A: ClockSpec = { ...P2, ticketId: 'a', clockId: 'p2-resolution#1' };
export const CLOCK_B: ClockSpec = { ...P2, ticketId: 'b', clockId: 'p2-resolution#1' };
export const CLOCK_C: ClockSpec = { ...P2, ticketId: 'c', clockId: 'p2-resolution#1' };
export const CLOCK_D: ClockSpec = { ticketId: 'd', clockId: 'uc-northwind#1', definitionId: 'uc-northwind', kind: 'UC', targetMs: 8 * HOUR, segmentOrgId: 'northwind' };
export const CLOCK_E: ClockSpec = { ...P2, ticketId: 'e', clockId: 'p2-resolution#1' };
export const CLOCK_F: ClockSpec = { ticketId: 'f', clockId: 'uc-northwind#1', definitionId: 'uc-northwind', kind: 'UC', targetMs: 8 * HOUR, segmentOrgId: 'northwind' };
export const CLOCK_G: ClockSpec = { ...P2, ticketId: 'g', clockId: 'p2-resolution#1' };
export const CLOCK_H: ClockSpec = { ticketId: 'h', clockId: 'uc-contoso#1', definitionId: 'uc-contoso', kind: 'UC', targetMs: 8 * HOUR, segmentOrgId: 'contoso' };

/** The instant the status is asked at (fixed). */
export const STATUS_NOW = Date.parse('2026-03-10T11:30:00.000Z');

/**
 * Stopped in March 2026 (around the clock: business time is wall time):
 * A (SLA 4 h): started 03-02 09:00Z, stopped 11:00Z met (2 h).
 * B (SLA 4 h): started 03-02 10:00Z, stopped 13:00Z met (3 h), reopened (rescheduled 19:00Z, a past
 *   dueAt 14:00Z: 3 h used), stopped again 23:30Z breached (3 h + 4.5 h = 7.5 h): counts once, at 23:30Z
 *   (03-02 in UTC, 03-03 00:30 in Zurich).
 * C (SLA 4 h): started 03-02 12:00Z, canceled 13:00Z (ticket canceled): counts nowhere.
 * D (UC 8 h, northwind): started 03-02 08:00Z, paused 09:00Z (1 h), resumed 11:00Z, stopped 14:00Z met:
 *   elapsed 1 h + 3 h = 4 h, paused 2 h (business time to stop 6 h).
 * H (UC 8 h, contoso): started 03-02 08:00Z, stopped 03-02 18:00Z breached (10 h).
 * Live at STATUS_NOW (03-10 11:30Z):
 * E (SLA 4 h): started 03-10 08:00Z (due 12:00Z), warned at 75 % (11:00Z): at risk, 30 min to breach.
 * F (UC 8 h, northwind): started 03-10 02:00Z (due 10:00Z), warned 75 %, breached at 10:00Z: breached, -90 min.
 * G (SLA 4 h): started 03-10 08:00Z, warned 50 % at 10:00Z, paused 10:30Z (2.5 h used): neither.
 */
export function slaHistory(): SlaEvent[] {
  const e = slaStream();
  return [
    e(CLOCK_A, 'itsm.sla.clock-started.v1', '2026-03-02T13:00:00.000Z', { startedAt: '2026-03-02T09:00:00.000Z' }),
    e(CLOCK_A, 'itsm.sla.clock-stopped.v1', '2026-03-02T13:00:00.000Z', { stoppedAt: '2026-03-02T11:00:00.000Z', outcome: 'met', elapsedMs: 2 * HOUR, pausedMs: 0 }),
    e(CLOCK_B, 'itsm.sla.clock-started.v1', '2026-03-02T14:00:00.000Z', { startedAt: '2026-03-02T10:00:00.000Z' }),
    e(CLOCK_B, 'itsm.sla.clock-stopped.v1', '2026-03-02T14:00:00.000Z', { stoppedAt: '2026-03-02T13:00:00.000Z', outcome: 'met', elapsedMs: 3 * HOUR, pausedMs: 0 }),
    e(CLOCK_B, 'itsm.sla.clock-rescheduled.v1', '2026-03-02T20:00:00.000Z', { resumedAt: '2026-03-02T19:00:00.000Z', elapsedMs: 3 * HOUR }),
    e(CLOCK_B, 'itsm.sla.clock-breached.v1', '2026-03-02T20:00:00.000Z', {}),
    e(CLOCK_B, 'itsm.sla.clock-stopped.v1', '2026-03-02T20:00:00.000Z', { stoppedAt: '2026-03-02T23:30:00.000Z', outcome: 'breached', elapsedMs: 7.5 * HOUR, pausedMs: 0 }),
    e(CLOCK_C, 'itsm.sla.clock-started.v1', '2026-03-02T16:00:00.000Z', { startedAt: '2026-03-02T12:00:00.000Z' }),
    e(CLOCK_C, 'itsm.sla.clock-canceled.v1', '2026-03-02T16:00:00.000Z', { canceledAt: '2026-03-02T13:00:00.000Z', reason: 'ticket_canceled', elapsedMs: 1 * HOUR }),
    e(CLOCK_D, 'itsm.sla.clock-started.v1', '2026-03-02T16:00:00.000Z', { startedAt: '2026-03-02T08:00:00.000Z' }),
    e(CLOCK_D, 'itsm.sla.clock-paused.v1', '2026-03-02T16:00:00.000Z', { pausedAt: '2026-03-02T09:00:00.000Z', elapsedMs: 1 * HOUR }),
    e(CLOCK_D, 'itsm.sla.clock-rescheduled.v1', '2026-03-02T18:00:00.000Z', { resumedAt: '2026-03-02T11:00:00.000Z', elapsedMs: 1 * HOUR }),
    e(CLOCK_D, 'itsm.sla.clock-stopped.v1', '2026-03-02T18:00:00.000Z', { stoppedAt: '2026-03-02T14:00:00.000Z', outcome: 'met', elapsedMs: 4 * HOUR, pausedMs: 2 * HOUR }),
    e(CLOCK_H, 'itsm.sla.clock-started.v1', '2026-03-02T16:00:00.000Z', { startedAt: '2026-03-02T08:00:00.000Z' }),
    e(CLOCK_H, 'itsm.sla.clock-stopped.v1', '2026-03-02T16:00:00.000Z', { stoppedAt: '2026-03-02T18:00:00.000Z', outcome: 'breached', elapsedMs: 10 * HOUR, pausedMs: 0 }),
    e(CLOCK_E, 'itsm.sla.clock-started.v1', '2026-03-10T12:00:00.000Z', { startedAt: '2026-03-10T08:00:00.000Z' }),
    e(CLOCK_E, 'itsm.sla.clock-warning.v1', '2026-03-10T11:00:00.000Z', { thresholdPercent: 75 }),
    e(CLOCK_F, 'itsm.sla.clock-started.v1', '2026-03-10T10:00:00.000Z', { startedAt: '2026-03-10T02:00:00.000Z' }),
    e(CLOCK_F, 'itsm.sla.clock-warning.v1', '2026-03-10T08:00:00.000Z', { thresholdPercent: 75 }),
    e(CLOCK_F, 'itsm.sla.clock-breached.v1', '2026-03-10T10:00:00.000Z', {}),
    e(CLOCK_G, 'itsm.sla.clock-started.v1', '2026-03-10T12:00:00.000Z', { startedAt: '2026-03-10T08:00:00.000Z' }),
    e(CLOCK_G, 'itsm.sla.clock-warning.v1', '2026-03-10T10:00:00.000Z', { thresholdPercent: 50 }),
    e(CLOCK_G, 'itsm.sla.clock-paused.v1', '2026-03-10T12:00:00.000Z', { pausedAt: '2026-03-10T10:30:00.000Z', elapsedMs: 2.5 * HOUR }),
  ];
}

export { HOUR, MIN };
