import type { ClockMeta, DueEmission } from '../domain';

/** The format of `arming` texts this version writes (the first element of the array). */
const ARMING_FORMAT = 1;

/** What a re-arm needs of a ticket: the metas of the clocks that owe an emission, and the due emissions. */
export interface ArmingSnapshot {
  readonly clocks: readonly ClockMeta[];
  readonly due: readonly DueEmission[];
}

/** An emission as stored: [key, index of its clock's meta, percent, dueAt, projected 0 or 1]. */
type DueTuple = [string, number, number, number, 0 | 1];

/**
 * A ticket's re-arm snapshot as one JSON text, `[1, metas, due tuples]`: a re-arm reads one string
 * per ticket instead of some sixty BSON elements (the owing clocks' metas and every due emission as
 * sub-documents), which the store encodes and the driver decodes at two to three times the cost
 * (issue 12: `npm run bench:sla`, re-arm of a million clocks). Every due emission's clock is among
 * `clocks` (the owing clocks' metas); an emission of another clock is left out, as re-arm drops it.
 */
export function armingText(clocks: readonly ClockMeta[], due: readonly DueEmission[]): string {
  const index = new Map(clocks.map((c, i) => [c.clockId, i]));
  const tuples: DueTuple[] = [];
  for (const d of due) {
    const i = index.get(d.clockId);
    if (i !== undefined) tuples.push([d.key, i, d.percent, d.dueAt, d.projected ? 1 : 0]);
  }
  return JSON.stringify([ARMING_FORMAT, clocks, tuples]);
}

const isMeta = (value: unknown): value is ClockMeta =>
  value !== null && typeof value === 'object' && typeof (value as ClockMeta).clockId === 'string' && typeof (value as ClockMeta).definitionId === 'string' && typeof (value as ClockMeta).targetMs === 'number';

/**
 * The snapshot an `arming` text holds, or undefined when it is not one this version reads (another
 * format, or damaged): the caller then reads the ticket's clocks and due emissions instead.
 */
export function parseArming(text: string): ArmingSnapshot | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== ARMING_FORMAT) return undefined;
  const [, clocks, tuples] = parsed as [number, unknown, unknown];
  if (!Array.isArray(clocks) || !clocks.every(isMeta) || !Array.isArray(tuples)) return undefined;
  const due: DueEmission[] = [];
  for (const t of tuples as unknown[]) {
    if (!Array.isArray(t) || t.length !== 5) return undefined;
    const [key, i, percent, dueAt, projected] = t as unknown[];
    const clock = typeof i === 'number' ? (clocks[i] as ClockMeta | undefined) : undefined;
    if (typeof key !== 'string' || clock === undefined || typeof percent !== 'number' || typeof dueAt !== 'number' || (projected !== 0 && projected !== 1)) return undefined;
    due.push({ key, clockId: clock.clockId, percent, dueAt, projected: projected === 1 });
  }
  return { clocks, due };
}
