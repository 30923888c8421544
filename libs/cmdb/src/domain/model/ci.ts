/** A CI attribute's value: typed against the CI's class (see attribute-values.ts). */
export type AttributeValue = string | number | boolean | null;
export type Attributes = Readonly<Record<string, AttributeValue>>;

export const OPERATIONAL_STATUSES = ['operational', 'degraded', 'non_operational', 'maintenance'] as const;
export type OperationalStatus = (typeof OPERATIONAL_STATUSES)[number];

/** Whether a CI in this status counts as available to its redundancy groups and dependants. */
export function isAvailable(status: OperationalStatus): boolean {
  return status === 'operational' || status === 'degraded';
}

/** Who last set an attribute: the source's precedence decides whether another source may overwrite it. */
export interface AttributeProvenance {
  readonly source: string;
  readonly by: string;
  readonly at: string;
}

/** One attribute change in a CI's history: who, through which source, when, old -> new. */
export interface AttributeChange {
  readonly attribute: string;
  readonly old: AttributeValue;
  readonly new: AttributeValue;
}

export interface HistoryEntry {
  /** The CI version this entry produced (1 = created). */
  readonly version: number;
  readonly kind: 'created' | 'updated' | 'retired';
  readonly source: string;
  readonly by: string;
  readonly at: string;
  readonly changes: readonly AttributeChange[];
}

export type CiState = 'active' | 'retired';

/** A configuration item: class, typed attributes, who set each one, and its full attribute history. */
export interface ConfigurationItem {
  readonly id: string;
  readonly classId: string;
  /** `attributes.name`, kept apart for listing and the index. */
  readonly name: string;
  readonly attributes: Attributes;
  readonly provenance: Readonly<Record<string, AttributeProvenance>>;
  readonly state: CiState;
  /** Identification keys this CI holds (claims), see identification.ts. */
  readonly identifiers: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Events written for this CI so far (the last envelope's sequence). */
  readonly sequence: number;
  /** Every change since creation, oldest first (embedded: written in the same update as the state). */
  readonly history: readonly HistoryEntry[];
}

/** `attributes.operational_status`, or operational when not set. */
export function operationalStatusOf(attributes: Attributes): OperationalStatus {
  const value = attributes['operational_status'];
  return typeof value === 'string' && (OPERATIONAL_STATUSES as readonly string[]).includes(value) ? (value as OperationalStatus) : 'operational';
}
