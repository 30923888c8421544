import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigurationItem } from '../domain';
import type { Loaded } from '@itsm/platform/persistence';
import { CI_STORE, IDENTITY_CLAIM_STORE } from '../persistence';
import type { CiReader, IdentityClaimStore } from '../persistence';

/** A claim older than this whose CI was never written belongs to a creator that died between the two writes. */
const ORPHAN_CLAIM_MS = 30_000;

export type Identified = { readonly kind: 'found'; readonly loaded: Loaded<ConfigurationItem> } | { readonly kind: 'none' };

export type ClaimAll = { readonly kind: 'claimed' } | { readonly kind: 'taken'; readonly key: string; readonly ownerId: string | undefined };

/**
 * Which CI an observation is: identification keys are claimed in MongoDB (one document per key,
 * `_id` from the key), and cached in memory per replica. The cache only saves reads: a stale or
 * missing entry ends in a failed claim (duplicate `_id`) that names the real owner.
 */
@Injectable()
export class IdentityService {
  private readonly cache = new Map<string, string>();

  constructor(
    @Inject(IDENTITY_CLAIM_STORE) private readonly claims: IdentityClaimStore,
    @Inject(CI_STORE) private readonly cis: CiReader,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async warmUp(): Promise<number> {
    return this.claims.forEach((batch) => batch.forEach((claim) => this.cache.set(claim.key, claim.ciId)));
  }

  remember(key: string, ciId: string): void {
    this.cache.set(key, ciId);
  }

  /**
   * The CI holding the first of these keys that any CI holds. `readStore`: also ask MongoDB about
   * keys the cache does not know (a source that may not create must not conclude "new" from a cold cache).
   */
  async identify(keys: readonly string[], readStore: boolean): Promise<Identified> {
    for (const key of keys) {
      const owner = this.cache.get(key);
      if (owner === undefined) continue;
      const loaded = await this.cis.load(owner);
      if (loaded) return { kind: 'found', loaded };
      this.cache.delete(key);
    }
    if (!readStore) return { kind: 'none' };
    for (const key of keys) {
      const claim = await this.claims.find(key);
      if (claim === undefined) continue;
      const loaded = await this.ownerOf(key, claim);
      if (loaded) return { kind: 'found', loaded };
    }
    return { kind: 'none' };
  }

  /**
   * Claims every key for a new CI, in rule order (so two creators of the same CI meet on the same
   * first shared key). On the first key already held, gives back what it took and names the owner.
   */
  async claimAll(keys: readonly string[], ciId: string): Promise<ClaimAll> {
    const taken: string[] = [];
    for (const key of keys) {
      const outcome = await this.claims.claim(key, ciId, this.clock.now());
      if (outcome.claimed) {
        taken.push(key);
        continue;
      }
      for (const mine of taken) await this.claims.release(mine, ciId);
      if (outcome.ownerId !== undefined) this.cache.set(key, outcome.ownerId);
      return { kind: 'taken', key, ownerId: outcome.ownerId };
    }
    for (const key of keys) this.cache.set(key, ciId);
    return { kind: 'claimed' };
  }

  /** Claims keys an existing CI gains; a key another CI holds is returned (a likely duplicate pair, for a person to look at). */
  async claimMore(keys: readonly string[], ciId: string): Promise<{ claimed: string[]; conflicts: { key: string; ownerId: string }[] }> {
    const claimed: string[] = [];
    const conflicts: { key: string; ownerId: string }[] = [];
    for (const key of keys) {
      const outcome = await this.claims.claim(key, ciId, this.clock.now());
      if (outcome.claimed || outcome.ownerId === ciId) {
        claimed.push(key);
        this.cache.set(key, ciId);
      } else if (outcome.ownerId !== undefined) {
        conflicts.push({ key, ownerId: outcome.ownerId });
      }
    }
    return { claimed, conflicts };
  }

  async release(keys: readonly string[], ciId: string): Promise<void> {
    for (const key of keys) {
      await this.claims.release(key, ciId);
      if (this.cache.get(key) === ciId) this.cache.delete(key);
    }
  }

  /**
   * The CI a claim points at. Its creator may be between claiming and inserting (a moment): wait a
   * little; a claim left by a creator that died is released once it is old enough.
   */
  async ownerOf(key: string, claim: { ciId: string; claimedAt: Date }): Promise<Loaded<ConfigurationItem> | undefined> {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const loaded = await this.cis.load(claim.ciId);
      if (loaded) {
        this.cache.set(key, claim.ciId);
        return loaded;
      }
      if (this.clock.now().getTime() - claim.claimedAt.getTime() > ORPHAN_CLAIM_MS) {
        await this.claims.release(key, claim.ciId);
        return undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return undefined;
  }
}
