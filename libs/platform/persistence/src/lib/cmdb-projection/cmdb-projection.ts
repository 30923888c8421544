import type { EventEnvelope } from '@itsm/contracts';
import type { CmdbCiChange, ProjectedCi } from './cmdb-record-change';

/** The event a change comes from: its stream (source + subject) and sequence make applying it idempotent. */
export type AppliedCmdbEvent = Pick<EventEnvelope, 'source' | 'subject' | 'sequence'>;

/**
 * A context's projection of the CMDB's configuration items (`itsm.cmdb.v1`): what references to CIs
 * are checked against. Each change is applied at most once and never over a later event of its CI's
 * stream (`duplicate` then). A retired CI stays, flagged: an older create or update cannot revive it.
 * Relationships are not kept here (a context that needs them keeps them beside it).
 */
export abstract class CmdbProjection {
  abstract apply(change: CmdbCiChange, event: AppliedCmdbEvent): Promise<'applied' | 'duplicate'>;
  /** The known CIs among `ids` (retired ones included, flagged), by id. */
  abstract cis(ids: readonly string[]): Promise<ReadonlyMap<string, ProjectedCi>>;
  /** The live (not retired) CIs named `names`, id by name (the lowest id when a name is shared). */
  abstract idsByName(names: readonly string[]): Promise<ReadonlyMap<string, string>>;

  /** Which of `ids` name no live CI (unknown or retired), in the order asked, each once. */
  async unknownOrRetired(ids: readonly string[]): Promise<readonly string[]> {
    const unique = [...new Set(ids)];
    const known = await this.cis(unique);
    return unique.filter((id) => known.get(id)?.retired !== false);
  }
}

/** Id by name over `cis` (the lowest id when a name is shared). */
export function ciIdsByName(cis: readonly Pick<ProjectedCi, 'id' | 'name'>[]): ReadonlyMap<string, string> {
  const byName = new Map<string, string>();
  for (const ci of [...cis].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) if (!byName.has(ci.name)) byName.set(ci.name, ci.id);
  return byName;
}
