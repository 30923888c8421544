export const ATTRIBUTE_TYPES = ['string', 'text', 'integer', 'number', 'boolean', 'datetime', 'enum', 'ip_address', 'time_zone'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** A typed attribute a class declares; subclasses inherit it. */
export interface AttributeDefinition {
  /** lower_snake_case, unique along the class's inheritance chain. */
  readonly name: string;
  readonly label: string;
  readonly type: AttributeType;
  readonly required: boolean;
  /** `enum`: the allowed values. */
  readonly values?: readonly string[];
  /** `integer` / `number`: inclusive bounds. */
  readonly min?: number;
  readonly max?: number;
  /** `string` / `text`: maximum length (string 255, text 4000 when not set). */
  readonly maxLength?: number;
}

/**
 * One identification rule: a CI is the same CI when all these attributes match (case- and
 * space-insensitively). `perClass` false: the key is shared by every subclass of the class that
 * declares the rule (a serial number identifies hardware whether it arrives as a server or a
 * network device); true: the key includes the CI's own class (name + class).
 */
export interface IdentificationRule {
  readonly attributes: readonly string[];
  readonly perClass: boolean;
}

/** A CI class: data, so admins extend the library without code. */
export interface CiClass {
  readonly id: string;
  readonly label: string;
  readonly parentId: string | null;
  /** Abstract classes group attributes and rules; no CI is of an abstract class. */
  readonly abstract: boolean;
  readonly attributes: readonly AttributeDefinition[];
  /** Tried in order, before the inherited rules. */
  readonly identificationRules: readonly IdentificationRule[];
  readonly builtIn: boolean;
  readonly version: number;
}

/** A discovery source (SCCM, a network scanner, a supplier's feed, people editing by hand). */
export interface DiscoverySource {
  readonly id: string;
  readonly label: string;
  /** Higher wins: a value set by a source is overwritten only by a source of equal or higher precedence. */
  readonly precedence: number;
  /** Per attribute, a precedence that replaces `precedence` (e.g. the network scanner owns ip_address). */
  readonly attributePrecedence: Readonly<Record<string, number>>;
  /** A source that may only update CIs that other sources created. */
  readonly mayCreate: boolean;
  /**
   * The keys a record on the discovery feed naming this source must be signed with (Standard Webhooks
   * key strings: `whpk_` Ed25519 public keys or `whsec_` HMAC secrets): one, two during a rotation.
   * None: the feed refuses every record naming the source (reports by authenticated API callers are not affected).
   */
  readonly verificationKeys: readonly string[];
  readonly builtIn: boolean;
  readonly version: number;
}

/** A source has one verification key, two while it rotates. */
export const MAX_SOURCE_KEYS = 2;
