import type { Notice } from '../../domain';

/** Why a notice is not delivered at all (visible on its delivery). */
export const SUPPRESSION_REASONS = ['preference_off', 'no_address', 'inactive_recipient', 'endpoint_disabled', 'own_action', 'rate_limited'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/**
 * What a person's preferences make of one notice:
 * - `send`: now;
 * - `defer`: not before `until` (the end of their quiet hours in their zone, a rate window);
 * - `digest`: coalesced into digest `digestId` (the planner holds it there; delivered at `at` with
 *   every item it collected: a daily digest, or a storm's coalesced message);
 * - `suppress`: not delivered, for `reason`.
 */
export type DeliveryPlan =
  | { readonly kind: 'send' }
  | { readonly kind: 'defer'; readonly until: number; readonly reason: 'quiet_hours' | 'rate_limit' }
  | { readonly kind: 'digest'; readonly digestId: string; readonly at: number }
  | { readonly kind: 'suppress'; readonly reason: SuppressionReason };

/** Decides how and when notices reach their recipients (people's preferences, quiet hours, digests, storms). */
export abstract class DeliveryPlanner {
  /** The plan of each notice, in the order given (notices to one person are planned in that order). */
  abstract planMany(notices: readonly Notice[], now: number): Promise<DeliveryPlan[]>;
  async plan(notice: Notice, now: number): Promise<DeliveryPlan> {
    const [plan] = await this.planMany([notice], now);
    if (plan === undefined) throw new Error('planMany answered no plan for one notice');
    return plan;
  }
}
