import type { SlaClock } from './derive-clocks';

/** A warning (percent < 100) or breach (100) a clock owes the world, once per clock attempt. */
export interface DueEmission {
  /** Stable across replays: `<emission scope>:<percent>`; the event id is derived from it. */
  readonly key: string;
  readonly clockId: string;
  readonly percent: number;
  readonly dueAt: number;
  /** Projected from the last event (not reached in the history): a later event may still move it. */
  readonly projected: boolean;
}

export function emissionKey(emissionScope: string, percent: number): string {
  return `${emissionScope}:${percent}`;
}

/**
 * What the clocks still owe, earliest first: thresholds already reached (including ones reached
 * retroactively, due at once) and, for running clocks, the ones projected ahead. Cancelled clocks
 * owe nothing; `fired` holds the keys already emitted.
 */
export function dueEmissions(clocks: readonly SlaClock[], fired: ReadonlySet<string>): DueEmission[] {
  const due: DueEmission[] = [];
  for (const clock of clocks) {
    if (clock.stage === 'cancelled') continue;
    for (const threshold of clock.thresholds) {
      const at = threshold.reachedAt ?? threshold.dueAt;
      if (at === null) continue;
      const key = emissionKey(clock.emissionScope, threshold.percent);
      if (!fired.has(key)) due.push({ key, clockId: clock.clockId, percent: threshold.percent, dueAt: at, projected: threshold.reachedAt === null });
    }
  }
  return due.sort((a, b) => a.dueAt - b.dueAt || (a.key < b.key ? -1 : 1));
}

/** What an emission says about its clock: the part of a clock its timers keep. */
export type ClockMeta = Pick<SlaClock, 'clockId' | 'definitionId' | 'definitionName' | 'kind' | 'target' | 'targetMs' | 'segment'>;

export function clockMeta(clock: ClockMeta): ClockMeta {
  const { clockId, definitionId, definitionName, kind, target, targetMs, segment } = clock;
  return { clockId, definitionId, definitionName, kind, target, targetMs, segment };
}

/** The metas of the clocks that owe an emission (what re-arming a ticket needs of its clocks). */
export function owingClockMetas(clocks: readonly SlaClock[], due: readonly DueEmission[]): ClockMeta[] {
  const owing = new Set(due.map((d) => d.clockId));
  return clocks.filter((c) => owing.has(c.clockId)).map(clockMeta);
}
