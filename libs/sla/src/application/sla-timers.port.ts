import type { TicketType } from '../domain';
import type { ArmRequest } from './timers/armed-ticket';

export const SLA_TIMERS = Symbol('SLA_TIMERS');

/** What clock writers need of the warning and breach timers (SlaTimerService; a fake in handler specs). */
export interface SlaTimers {
  /** Resolves once the partition's timers are loaded (event handling waits for it). */
  whenReady(partition: number): Promise<void>;
  /** The partitions whose tickets this replica runs the timers of. */
  ownedPartitions(): number[];
  /** The emission keys a ticket has claimed (`known`: it may have claims stored). */
  claimedKeys(ticketType: TicketType, ticketId: string, known: boolean): Promise<Set<string>>;
  /** (Re)arms a ticket from its freshly derived clocks. */
  arm(request: ArmRequest, claimed: Set<string>): void;
}
