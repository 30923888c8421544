import type { EventEnvelope } from '@itsm/contracts';
import type { AggregateStore, Loaded, SaveResult } from '@itsm/platform/persistence';
import type { AuditEntry, Change, ChangeEvent, ChangeModel, ChangeScope, ChangeState, ChangeTemplate, RiskLevel, TemplateState } from '../../domain';

/** Changes as aggregates: state, events (outbox) and the audit chain in one write. */
export abstract class ChangeStore implements AggregateStore<Change, ChangeEvent> {
  abstract load(id: string): Promise<Loaded<Change> | undefined>;
  abstract create(change: Change, events: readonly ChangeEvent[]): Promise<SaveResult>;
  /** Appends one audit entry per event to the change's chain in the same write. */
  abstract save(loaded: Loaded<Change>, change: Change, events: readonly ChangeEvent[], consumed?: EventEnvelope): Promise<SaveResult>;
}

/** Typed list filters (every value used as a value, never an operator); absent: any. */
export interface ChangeListFilter {
  readonly states?: readonly ChangeState[];
  readonly models?: readonly ChangeModel[];
  readonly risks?: readonly RiskLevel[];
  readonly assignmentGroupId?: string;
  readonly assigneeId?: string;
  readonly requesterId?: string;
  readonly configurationItemId?: string;
  readonly serviceId?: string;
  /** Planned windows overlapping [from, to). */
  readonly plannedFrom?: Date;
  readonly plannedTo?: Date;
}

export interface ChangePage {
  readonly items: readonly Change[];
  readonly hasNextPage: boolean;
}

/** The change reads (newest number first: a stable order, the cursor is the number's sequence). */
export abstract class ChangeReads {
  abstract byId(id: string): Promise<Change | undefined>;
  abstract byNumber(number: string): Promise<Change | undefined>;
  abstract list(scope: ChangeScope, filter: ChangeListFilter, first: number, afterSeq: number | undefined): Promise<ChangePage>;
  /** The change's audit chain as stored, or undefined for an unknown change. */
  abstract audit(id: string): Promise<readonly AuditEntry[] | undefined>;
}

/** Standard change templates (admin records; no events). */
export abstract class TemplateStore {
  abstract byId(id: string): Promise<ChangeTemplate | undefined>;
  abstract create(template: ChangeTemplate): Promise<void>;
  /** Writes `template` if the stored one is still at `expectedVersion` (else CHANGE.CONFLICT). */
  abstract save(template: ChangeTemplate, expectedVersion: number): Promise<void>;
  abstract list(state: TemplateState | undefined, first: number, afterName: string | undefined): Promise<readonly ChangeTemplate[]>;
}

/** CHG numbers, unique under concurrent creation (the platform's number sequence). */
export abstract class ChangeNumbers {
  abstract next(prefix: 'CHG'): Promise<string>;
}
