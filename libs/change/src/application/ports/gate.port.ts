/*
 * What the deployment gate needs besides the CMDB projection (ConfigurationItems): the changes
 * naming a CI (the change store), where it logs answers (on the change, and in the gate log), and
 * the pipeline tokens. The module binds them to repositories, unit tests to in-memory fakes.
 */
import type { ChangeState, GateAnswerFacts, GateCandidate, GateLogEntry, PipelineToken } from '../../domain';

/** A gate answer as it is appended to a change (event itsm.change.gate-answered.v1 and its audit entry). */
export type GateAnswerRecord = GateAnswerFacts;

export abstract class GateChanges {
  /** Changes in one of `states` naming the CI, at most `limit`. */
  abstract naming(ciId: string, states: readonly ChangeState[], limit: number): Promise<readonly GateCandidate[]>;
  /** A change by its number (CHG0001000) or id, or undefined. */
  abstract byReference(reference: string): Promise<GateCandidate | undefined>;
  /** Appends the answer to the change (its event, its audit chain) in one write. */
  abstract recordAnswer(changeId: string, answer: GateAnswerRecord): Promise<void>;
}

/** One page of a list, newest first; `after` is the last entry of the previous page. */
export interface GateLogPage {
  readonly items: readonly GateLogEntry[];
  readonly hasNextPage: boolean;
}

/** At most one of them (each served by its own index), newest first. */
export interface GateLogFilter {
  readonly ciId?: string;
  readonly changeId?: string;
}

/** The key of the last entry of a page (answers sort by time, then id, both descending). */
export interface GateLogKey {
  readonly at: Date;
  readonly id: string;
}

export abstract class GateLog {
  abstract append(entry: GateLogEntry): Promise<void>;
  abstract list(filter: GateLogFilter, first: number, after: GateLogKey | undefined): Promise<GateLogPage>;
}

export abstract class PipelineTokenStore {
  abstract insert(token: PipelineToken, tokenHash: string): Promise<void>;
  /** Marks it revoked (kept at its first revocation time); undefined when there is no such token. */
  abstract revoke(id: string, at: Date): Promise<PipelineToken | undefined>;
  /** Every token, revoked ones included, oldest first. */
  abstract list(): Promise<readonly PipelineToken[]>;
  abstract byTokenHash(tokenHash: string): Promise<PipelineToken | undefined>;
}
