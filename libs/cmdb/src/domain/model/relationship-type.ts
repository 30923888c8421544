/**
 * Which end of a relationship is impacted when the other fails:
 * - `target_to_source`: the source needs the target (A depends on / runs on / is hosted on /
 *   connects to B: B failing impacts A);
 * - `source_to_target`: the target needs the source (A contains B: A failing impacts B; a member
 *   failing counts against its group);
 * - `none`: documentation only, impact never crosses it.
 */
export type ImpactPropagation = 'target_to_source' | 'source_to_target' | 'none';

/** A pair of classes a relationship type may join (subclasses included). */
export interface RelationshipRule {
  readonly sourceClassId: string;
  readonly targetClassId: string;
}

/** A typed relationship with its inverse reading; admins may add types as data. */
export interface RelationshipType {
  readonly id: string;
  /** How it reads from the source: "depends on". */
  readonly name: string;
  /** How it reads from the target: "used by". */
  readonly inverseName: string;
  readonly propagation: ImpactPropagation;
  /**
   * The target is a redundancy group of its sources (member of): it is impacted only when fewer of
   * its members are available than its redundancy rule requires.
   */
  readonly membership: boolean;
  /** Allowed (source class, target class) pairs; a relationship matching none is rejected. */
  readonly rules: readonly RelationshipRule[];
  readonly builtIn: boolean;
  readonly version: number;
}
