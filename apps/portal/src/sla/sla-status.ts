import type { SlaClock } from '../api/types';

/**
 * How a clock is shown: met / breached once stopped; while it runs, by the share of its target used:
 * below WARNING_PERCENT on track, then at risk, from CRITICAL_PERCENT critical, and breached past it.
 */
export type SlaTone = 'ok' | 'warning' | 'critical' | 'breached' | 'paused' | 'met';

export const WARNING_PERCENT = 75;
export const CRITICAL_PERCENT = 90;

export function slaTone(clock: Pick<SlaClock, 'running' | 'hasBreached' | 'stoppedAt' | 'elapsedPercent'>): SlaTone {
  if (clock.hasBreached) return 'breached';
  if (clock.stoppedAt !== null) return 'met';
  if (!clock.running) return 'paused';
  if (clock.elapsedPercent >= 100) return 'breached';
  if (clock.elapsedPercent >= CRITICAL_PERCENT) return 'critical';
  if (clock.elapsedPercent >= WARNING_PERCENT) return 'warning';
  return 'ok';
}

/** Remaining (or, negative, overdue) business time: "2 d 4 h", "3 h 05 min", "12 min", "-40 min". */
export function formatRemaining(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const minutes = Math.floor(Math.abs(seconds) / 60);
  const days = Math.floor(minutes / 1_440);
  const hours = Math.floor((minutes % 1_440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${sign}${days} d ${hours} h`;
  if (hours > 0) return `${sign}${hours} h ${String(rest).padStart(2, '0')} min`;
  return `${sign}${rest} min`;
}

/** The clock a list shows for a ticket: the first running one closest to its breach, else the last one. */
export function headlineClock(clocks: readonly SlaClock[]): SlaClock | undefined {
  const running = clocks.filter((clock) => clock.running).sort((a, b) => b.elapsedPercent - a.elapsedPercent);
  return running[0] ?? clocks.at(-1);
}
