import { DEFAULT_DELIVERY_LIMITS } from '../../domain/digests';
import type { DeliveryLimits } from '../../domain/digests';

/** The storm thresholds and rate limits the planner applies (DEFAULT_DELIVERY_LIMITS unless a spec or bench binds others). */
export abstract class PlannerLimits {
  abstract readonly limits: DeliveryLimits;
}

export class DefaultPlannerLimits extends PlannerLimits {
  readonly limits = DEFAULT_DELIVERY_LIMITS;
}
