import type { DueEmission, SlaClock, TicketType } from '../../domain';

/** What an emission needs to say about its clock. */
export type ClockMeta = Pick<SlaClock, 'clockId' | 'definitionId' | 'definitionName' | 'kind' | 'target' | 'targetMs' | 'segment'>;

/** The timers of one ticket held by the replica that owns its partition. */
export interface ArmedTicket {
  readonly key: string;
  readonly ticketType: TicketType;
  readonly ticketId: string;
  readonly number: string;
  readonly partition: number;
  readonly open: boolean;
  /** Still owed, earliest first (claimed and in-flight keys excluded). */
  due: DueEmission[];
  readonly clocks: ReadonlyMap<string, ClockMeta>;
  /** Keys claimed (emitted or being emitted): never owed again. Its size numbers the next event. */
  readonly claimed: Set<string>;
  /** Nothing is emitted before this instant (settling after catch-up: see SlaTimerService.arm). */
  notBefore: number;
  /** The instant its heap entry stands for; null when none is queued. */
  queuedAt: number | null;
}

export interface ArmRequest {
  readonly ticketType: TicketType;
  readonly ticketId: string;
  readonly number: string;
  readonly partition: number;
  readonly open: boolean;
  readonly clocks: readonly SlaClock[];
  readonly due: readonly DueEmission[];
}

export function clockMeta(clock: SlaClock): ClockMeta {
  const { clockId, definitionId, definitionName, kind, target, targetMs, segment } = clock;
  return { clockId, definitionId, definitionName, kind, target, targetMs, segment };
}
