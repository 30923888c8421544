import type { DueEmission, SlaClock, TicketType } from '../../domain';

/** What an emission needs to say about its clock. */
export type ClockMeta = Pick<SlaClock, 'clockId' | 'definitionId' | 'definitionName' | 'kind' | 'target' | 'targetMs' | 'segment'>;

/** What the timer wheel holds per armed ticket, for the events its emissions become. */
export interface ArmedTicket {
  readonly ticketType: TicketType;
  readonly ticketId: string;
  readonly number: string;
  readonly clocks: ReadonlyMap<string, ClockMeta>;
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
