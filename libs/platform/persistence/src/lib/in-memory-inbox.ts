import type { EventEnvelope } from '@itsm/contracts';
import { streamKey } from './inbox';

/** A projection record kept in memory with its inbox: the last sequence applied per event stream. */
export interface InMemoryRecord<T> {
  readonly value: T;
  readonly applied: ReadonlyMap<string, number>;
}

/**
 * `applyOnce` for in-memory fakes of projection stores: applies `next` to the record `id` unless it
 * has applied this event or a later one of the event's stream (`duplicate` then).
 */
export function applyOnceInMemory<T>(
  records: Map<string, InMemoryRecord<T>>,
  id: string,
  event: Pick<EventEnvelope, 'source' | 'subject' | 'sequence'>,
  next: (current: T | undefined) => T,
): Promise<'applied' | 'duplicate'> {
  const stream = streamKey(event);
  const stored = records.get(id);
  if ((stored?.applied.get(stream) ?? 0) >= event.sequence) return Promise.resolve('duplicate');
  const applied = new Map(stored?.applied ?? []);
  applied.set(stream, event.sequence);
  records.set(id, { value: next(stored?.value), applied });
  return Promise.resolve('applied');
}
