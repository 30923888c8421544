import { CRITICAL_PERCENT, formatRemaining, headlineClock, slaTone, WARNING_PERCENT } from './sla-status';
import type { SlaClock } from '../api/types';

const clock = (over: Partial<SlaClock>): SlaClock => ({
  clockId: 'c', definitionName: 'Resolution P3', running: true, hasBreached: false, stoppedAt: null, remainingSeconds: 3_600, elapsedPercent: 50, ...over,
});

describe('SLA colouring', () => {
  it('colours a running clock by the share of its target used, at the thresholds exactly', () => {
    expect(slaTone(clock({ elapsedPercent: 0 }))).toBe('ok');
    expect(slaTone(clock({ elapsedPercent: WARNING_PERCENT - 0.1 }))).toBe('ok');
    expect(slaTone(clock({ elapsedPercent: WARNING_PERCENT }))).toBe('warning');
    expect(slaTone(clock({ elapsedPercent: CRITICAL_PERCENT - 0.1 }))).toBe('warning');
    expect(slaTone(clock({ elapsedPercent: CRITICAL_PERCENT }))).toBe('critical');
    expect(slaTone(clock({ elapsedPercent: 100 }))).toBe('breached');
  });

  it('shows a stopped clock as met or breached, a paused one as paused', () => {
    expect(slaTone(clock({ running: false, stoppedAt: '2026-01-01T00:00:00Z', elapsedPercent: 95 }))).toBe('met');
    expect(slaTone(clock({ running: false, stoppedAt: '2026-01-01T00:00:00Z', hasBreached: true }))).toBe('breached');
    expect(slaTone(clock({ running: false, elapsedPercent: 80 }))).toBe('paused');
    expect(slaTone(clock({ hasBreached: true, elapsedPercent: 10 }))).toBe('breached');
  });

  it('formats remaining and overdue business time', () => {
    expect(formatRemaining(59)).toBe('0 min');
    expect(formatRemaining(12 * 60 + 30)).toBe('12 min');
    expect(formatRemaining(3 * 3_600 + 5 * 60)).toBe('3 h 05 min');
    expect(formatRemaining(2 * 86_400 + 4 * 3_600 + 59)).toBe('2 d 4 h');
    expect(formatRemaining(-40 * 60)).toBe('-40 min');
  });

  it('heads a list with the running clock closest to breach, else the last clock', () => {
    const response = clock({ clockId: 'response', elapsedPercent: 30 });
    const resolution = clock({ clockId: 'resolution', elapsedPercent: 80 });
    const stopped = clock({ clockId: 'stopped', running: false, stoppedAt: '2026-01-01T00:00:00Z' });
    expect(headlineClock([response, resolution, stopped])?.clockId).toBe('resolution');
    expect(headlineClock([stopped])?.clockId).toBe('stopped');
    expect(headlineClock([])).toBeUndefined();
  });
});
