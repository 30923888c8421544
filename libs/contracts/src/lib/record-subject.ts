import { createHash } from 'node:crypto';

/**
 * The subject (Kafka key) of one record's events when a context keeps several kinds of record on
 * one topic: the 24 hex digits of the storage id derived from the namespace (`directory-person`,
 * `change-cab-meeting`) and the record's id, SHA-256 of the length-prefixed parts, first 12 bytes.
 * It is also the record's document `_id` (the platform keys an aggregate's events by it), so
 * producer and consumers agree on it without sharing code beyond this function.
 */
export function recordSubject(namespace: string, id: string): string {
  const parts = [namespace, id];
  return createHash('sha256').update(parts.map((part) => `${part.length}:${part}`).join('|')).digest().subarray(0, 12).toString('hex');
}
