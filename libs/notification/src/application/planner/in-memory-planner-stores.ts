import type { NotificationPreferences } from '../../domain/preferences';
import { DigestStore } from '../digests/digest-store.port';
import type { ClaimedDigest, DigestEntry } from '../digests/digest-store.port';
import { PreferenceStore } from '../preferences/preference-store.port';
import { WindowSlots } from './window-slots.port';
import type { SlotTake } from './window-slots.port';

/** The planner's stores in memory, with the Mongo repositories' rules: what unit specs run the planner against. */
export class InMemoryPreferenceStore extends PreferenceStore {
  readonly saved = new Map<string, NotificationPreferences>();

  findMany(personIds: readonly string[]): Promise<ReadonlyMap<string, NotificationPreferences>> {
    return Promise.resolve(new Map(personIds.flatMap((id) => { const saved = this.saved.get(id); return saved === undefined ? [] : [[id, saved] as const]; })));
  }

  save(preferences: NotificationPreferences): Promise<void> {
    this.saved.set(preferences.personId, preferences);
    return Promise.resolve();
  }
}

export class InMemoryWindowSlots extends WindowSlots {
  private readonly windows = new Map<string, { readonly end: number; readonly keys: string[] }>();

  takeMany(takes: readonly SlotTake[]): Promise<boolean[]> {
    return Promise.resolve(
      takes.map(({ counter, windowStart, windowEnd, itemKey, limit }) => {
        const id = `${counter}@${windowStart}`;
        const window = this.windows.get(id) ?? { end: windowEnd, keys: [] };
        this.windows.set(id, window);
        if (!window.keys.includes(itemKey) && window.keys.length < limit) window.keys.push(itemKey);
        return window.keys.includes(itemKey);
      }),
    );
  }

  purgeEnded(now: number): Promise<number> {
    const ended = [...this.windows].filter(([, w]) => w.end < now).map(([id]) => id);
    for (const id of ended) this.windows.delete(id);
    return Promise.resolve(ended.length);
  }
}

interface StoredDigest extends ClaimedDigest {
  state: 'open' | 'flushing' | 'flushed';
  dueAt: number;
  readonly entries: { readonly noticeKey: string; readonly items: ClaimedDigest['entries'][number]['items'] }[];
}

export class InMemoryDigestStore extends DigestStore {
  readonly digests = new Map<string, StoredDigest>();

  join(entry: DigestEntry): Promise<{ readonly digestId: string; readonly at: number }> {
    for (let generation = 0; ; generation += 1) {
      const digestId = [entry.recipient.personId, entry.channel, entry.window.kind, entry.window.window, generation].join('|');
      const digest = this.digests.get(digestId) ?? { digestId, recipient: entry.recipient, channel: entry.channel, kind: entry.window.kind, at: entry.window.at, state: 'open', dueAt: entry.window.at, entries: [] };
      this.digests.set(digestId, digest);
      const joined = digest.entries.some((e) => e.noticeKey === entry.noticeKey);
      if (!joined && digest.state === 'open') digest.entries.push({ noticeKey: entry.noticeKey, items: entry.items });
      if (joined || digest.state === 'open') return Promise.resolve({ digestId, at: digest.at });
    }
  }

  claimDue(now: number, leaseMs: number): Promise<ClaimedDigest | null> {
    const due = [...this.digests.values()].filter((d) => d.state !== 'flushed' && d.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt)[0];
    if (due === undefined) return Promise.resolve(null);
    due.state = 'flushing';
    due.dueAt = now + leaseMs;
    return Promise.resolve({ ...due, entries: [...due.entries] });
  }

  markFlushed(digestId: string): Promise<void> {
    const digest = this.digests.get(digestId);
    if (digest !== undefined) digest.state = 'flushed';
    return Promise.resolve();
  }
}
