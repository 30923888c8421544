import type { Notice } from '../../domain';

/**
 * Where notices go once decided (by the rules, an escalation level, a digest): delivery plans each
 * (preferences, quiet hours, digests), claims it by its delivery key and sends it through its
 * channel. Accepting a notice twice (a redelivered event, another replica) delivers it once.
 * Resolves once every notice is recorded (claimed, scheduled, digested or suppressed), not sent.
 */
export abstract class DeliveryIntake {
  abstract accept(notices: readonly Notice[], now: number): Promise<void>;
}
