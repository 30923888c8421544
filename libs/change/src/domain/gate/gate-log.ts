import type { TimeWindow } from '../change.model';
import type { GateReason } from './gate-decision';

/** One answer of the deployment gate, as the gate log keeps it (every answer, whether or not a change matched). */
export interface GateLogEntry {
  readonly id: string;
  readonly at: Date;
  /** The pipeline token that asked. */
  readonly tokenId: string;
  /** The pipeline's name or run, as it gave it (else the token's name). */
  readonly pipeline: string;
  /** The CI asked about (resolved from service and environment when the pipeline gave those). */
  readonly ciId: string;
  /** The service and environment the pipeline gave instead of a CI, else null. */
  readonly service: { readonly id: string; readonly environment: string } | null;
  /** The change the pipeline named, as it wrote it, else null. */
  readonly requestedChange: string | null;
  readonly allowed: boolean;
  readonly reason: GateReason;
  readonly message: string;
  /** The change the answer is about (and was logged on), else null. */
  readonly changeId: string | null;
  readonly changeNumber: string | null;
  readonly window: TimeWindow | null;
}
