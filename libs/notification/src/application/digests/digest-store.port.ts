import type { DigestKind, DigestWindow } from '../../domain/digests';
import type { NoticeItem, NotificationCategory, PersonChannel, PersonRecipient } from '../../domain';

/** One notice joining a person's open digest: its key makes joining it twice one entry. */
export interface DigestEntry {
  readonly recipient: PersonRecipient;
  readonly channel: PersonChannel;
  readonly window: DigestWindow;
  readonly noticeKey: string;
  readonly category: NotificationCategory;
  readonly items: readonly NoticeItem[];
}

/** A digest claimed for delivery: every entry it gathered, in the order they joined. */
export interface ClaimedDigest {
  readonly digestId: string;
  readonly recipient: PersonRecipient;
  readonly channel: PersonChannel;
  readonly kind: DigestKind;
  readonly at: number;
  readonly entries: readonly { readonly noticeKey: string; readonly items: readonly NoticeItem[] }[];
}

/**
 * People's digests (`notification_digests`): one open digest per (person, channel, kind, window).
 * `join` stores the entry before it answers (nothing is lost once it resolves) and is idempotent by
 * notice key; a digest already claimed for delivery is never joined (a late entry opens the next
 * one, due at the same time). `claimDue` takes one due digest (or one whose claim lapsed: a crash
 * between claim and `markFlushed`) atomically, so one replica delivers it.
 */
export abstract class DigestStore {
  abstract join(entry: DigestEntry, now: number): Promise<{ readonly digestId: string; readonly at: number }>;
  abstract claimDue(now: number, leaseMs: number): Promise<ClaimedDigest | null>;
  abstract markFlushed(digestId: string, now: number): Promise<void>;
}
