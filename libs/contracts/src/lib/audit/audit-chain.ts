import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/**
 * One link of a record's tamper-evident audit chain (ISO/IEC 20000, ISO 27001 A.8.32): every event
 * of the record's stream, in order (`seq` is the event's stream sequence), with a digest of its
 * payload, the previous entry's hash, and its own hash over all of that. Here, in the contracts,
 * because the canonical form and the hashing are what anyone verifying a chain outside this code
 * base must reproduce (an auditor's tool, a supplier), like the event envelope; pure, no I/O.
 */
export interface AuditEntry {
  readonly seq: number;
  readonly type: string;
  readonly at: string;
  readonly by: string;
  /** SHA-256 (hex) of the event payload's canonical JSON. */
  readonly digest: string;
  readonly prevHash: string;
  /** SHA-256 (hex) of the canonical JSON of every field above. */
  readonly hash: string;
}

/** The `prevHash` of a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the chain records of one event: its type and payload (which says who and when). */
export interface AuditedEvent {
  readonly type: string;
  readonly data: { readonly by: string; readonly at: string };
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function digestOf(data: unknown): string {
  return sha256(canonicalJson(data));
}

export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  return sha256(canonicalJson({ seq: entry.seq, type: entry.type, at: entry.at, by: entry.by, digest: entry.digest, prevHash: entry.prevHash }));
}

/** The chain with `events` appended, each linked to the one before. */
export function appendAudit(chain: readonly AuditEntry[], events: readonly AuditedEvent[]): AuditEntry[] {
  const out = [...chain];
  for (const event of events) {
    const last = out.at(-1);
    const entry = { seq: (last?.seq ?? 0) + 1, type: event.type, at: event.data.at, by: event.data.by, digest: digestOf(event.data), prevHash: last?.hash ?? GENESIS_HASH };
    out.push({ ...entry, hash: entryHash(entry) });
  }
  return out;
}

export type ChainVerdict =
  | { readonly ok: true; readonly entries: number }
  | { readonly ok: false; readonly seq: number; readonly reason: 'sequence' | 'link' | 'hash'; readonly detail: string };

/**
 * Checks a chain from its first entry: consecutive sequences from 1, each `prevHash` the previous
 * entry's hash, each hash recomputed from the entry. Answers the first entry that fails and why.
 */
export function verifyChain(entries: readonly AuditEntry[]): ChainVerdict {
  let previous: AuditEntry | undefined;
  for (const [index, entry] of entries.entries()) {
    if (entry.seq !== index + 1) return { ok: false, seq: entry.seq, reason: 'sequence', detail: `entry ${index + 1} of the chain says seq ${entry.seq}` };
    const expectedPrev = previous?.hash ?? GENESIS_HASH;
    if (entry.prevHash !== expectedPrev) return { ok: false, seq: entry.seq, reason: 'link', detail: 'prevHash is not the previous entry\'s hash' };
    if (entryHash(entry) !== entry.hash) return { ok: false, seq: entry.seq, reason: 'hash', detail: 'the entry does not hash to its stored hash (edited after it was written)' };
    previous = entry;
  }
  return { ok: true, entries: entries.length };
}
