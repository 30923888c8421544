import type { SlaDefinition } from '../../../domain';

/** Creates (expectedVersion 0) or changes an SLA, OLA or UC definition. */
export interface SaveSlaDefinitionCommand {
  /** The admin's user id. */
  readonly by: string;
  readonly definition: SlaDefinition;
  /** The version the admin read (0 = new). */
  readonly expectedVersion: number;
}
