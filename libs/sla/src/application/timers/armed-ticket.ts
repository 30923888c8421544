import type { ClockMeta, DueEmission, TicketType } from '../../domain';

export type { ClockMeta } from '../../domain';
export { clockMeta } from '../../domain';

/** What a writer of clocks hands the timers for one ticket. */
export interface ArmRequest {
  readonly ticketType: TicketType;
  readonly ticketId: string;
  readonly number: string;
  readonly partition: number;
  readonly open: boolean;
  /** The ticket's clocks (at least those its emissions name). */
  readonly clocks: readonly ClockMeta[];
  readonly due: readonly DueEmission[];
}

/** A due emission as the timers hold it: with its clock's meta (both interned, shared by many tickets). */
export interface TimedEmission extends DueEmission {
  readonly clock: ClockMeta;
}
