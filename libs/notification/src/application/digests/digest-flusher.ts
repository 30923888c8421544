import { Injectable } from '@nestjs/common';
import type { Notice } from '../../domain';
import { BUILT_IN_TEMPLATE_IDS } from '../../domain/templates';
import { DeliveryIntake } from '../ports';
import { DigestStore } from './digest-store.port';
import type { ClaimedDigest } from './digest-store.port';

/** The built-in template every digest and coalesced storm renders with (the templates part provides it). */
export const DIGEST_TEMPLATE_ID = BUILT_IN_TEMPLATE_IDS.digest;
/** How long a claimed digest is someone's before another run may take it again (a crash between claim and hand-over). */
export const DIGEST_CLAIM_LEASE_MS = 5 * 60_000;
/** At most this many digests per run: a backlog drains over several runs, the job never runs unbounded. */
export const DIGEST_FLUSH_BATCH = 200;

/** One notice for a claimed digest: keyed by the digest's id, so handing it over twice delivers it once. */
export function digestNotice(digest: ClaimedDigest): Notice {
  return {
    key: digest.digestId,
    recipient: digest.recipient,
    channel: digest.channel,
    category: 'digest',
    urgent: false,
    templateId: DIGEST_TEMPLATE_ID,
    items: digest.entries.flatMap((e) => e.items),
  };
}

/**
 * Hands due digests to delivery: claims one (atomically: one replica gets it), gives delivery its
 * notice, then marks it flushed. A crash after the hand-over leaves it claimed; the claim lapses and
 * a later run hands the same notice over again, which delivery accepts once (same key).
 */
@Injectable()
export class DigestFlusher {
  constructor(
    private readonly digests: DigestStore,
    private readonly intake: DeliveryIntake,
  ) {}

  /** Flushes what is due at `now` (at most DIGEST_FLUSH_BATCH); answers how many. */
  async flushDue(now: number): Promise<number> {
    let flushed = 0;
    while (flushed < DIGEST_FLUSH_BATCH) {
      const digest = await this.digests.claimDue(now, DIGEST_CLAIM_LEASE_MS);
      if (digest === null) break;
      await this.intake.accept([digestNotice(digest)], now);
      await this.digests.markFlushed(digest.digestId, now);
      flushed += 1;
    }
    return flushed;
  }
}
