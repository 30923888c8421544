export const SLA_CONNECTION = Symbol('SLA_CONNECTION');
export const SLA_SETTINGS = Symbol('SLA_SETTINGS');

export interface SlaSettings {
  /** How often a replica checks the policy set revision for changes made through another replica. */
  readonly policyPollMs: number;
  /** How often publish checkpoints are saved (bounds what a takeover publishes again). */
  readonly checkpointMs: number;
  /** Tickets whose due emissions are claimed and published per batch. */
  readonly fireBatchSize: number;
}

export const DEFAULT_SLA_SETTINGS: SlaSettings = { policyPollMs: 5_000, checkpointMs: 1_000, fireBatchSize: 500 };
