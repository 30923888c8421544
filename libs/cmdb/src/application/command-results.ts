import type { ConfigurationItem, HeldAttribute, Relationship } from '../domain';

/** What became of one relationship a discovery payload reported. */
export interface RelationshipResult {
  readonly typeId: string;
  readonly direction: 'outbound' | 'inbound';
  readonly targetId: string | null;
  readonly outcome: 'added' | 'exists' | 'unresolved' | 'rejected';
  readonly code: string | null;
  readonly message: string | null;
}

/** The outcome of reporting a discovered CI or updating one by hand. */
export interface ReconcileResult {
  readonly ci: ConfigurationItem;
  readonly outcome: 'created' | 'updated' | 'unchanged';
  /** Attributes the source reported but a source of higher precedence holds. */
  readonly held: readonly HeldAttribute[];
  /** Identification keys this CI matched that another CI already holds (a likely duplicate pair). */
  readonly identificationConflicts: readonly { readonly key: string; readonly ciId: string }[];
  readonly relationships: readonly RelationshipResult[];
}

/** A relationship after adding or removing it. */
export interface RelationshipOutcome {
  readonly relationship: Relationship;
  /** False when it already existed as asked (adding and removing are idempotent). */
  readonly changed: boolean;
}
