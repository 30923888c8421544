/**
 * Figure 1: deadline computations per second. `compileCalendar(...).addBusinessTime` over the four
 * bench calendars (round robin) with random whole-minute start instants in 2026-2027 and random
 * durations of 1 minute to 40 business hours. Each pass compiles the calendars afresh, so its first
 * loop fills the day caches (cold) and its second reuses them (warm). Baselines in the same run:
 * the naive minute-stepping implementation on a sample of the same inputs (results must agree),
 * and plain `start + duration` additions (the floor: what a calendar-less engine would pay).
 */
import { compileCalendar } from '@itsm/sla';
import { benchCalendars, MINUTE, NaiveMinuteCalendar } from './calendars';
import { seededRandom } from '@itsm/testing';
import { round } from './measure';

export interface DeadlineFigure {
  readonly ops: number;
  readonly passes: number;
  readonly coldOpsPerSecond: number;
  readonly warmOpsPerSecond: number;
  readonly perCalendarWarm: Record<string, number>;
  readonly naiveSample: number;
  readonly naiveOpsPerSecond: number;
  readonly naiveMismatches: number;
  readonly plainAddOpsPerSecond: number;
}

export function deadlineFigure(ops: number, passes: number, naiveSample: number, seed: number): DeadlineFigure {
  const calendars = benchCalendars(2025, 2029);
  const random = seededRandom(seed);
  const from = Date.UTC(2026, 0, 1);
  const minutes = (Date.UTC(2028, 0, 1) - from) / MINUTE;
  const starts = new Float64Array(ops);
  const durations = new Float64Array(ops);
  for (let i = 0; i < ops; i += 1) {
    starts[i] = from + Math.floor(random() * minutes) * MINUTE;
    durations[i] = (1 + Math.floor(random() * 2400)) * MINUTE;
  }
  const n = calendars.length;
  let sink = 0;
  let cold = 0;
  let warm = 0;
  for (let pass = 0; pass < passes; pass += 1) {
    const compiled = calendars.map((c) => compileCalendar(c.spec, c.timeZone));
    let t = performance.now();
    for (let i = 0; i < ops; i += 1) sink += (compiled[i % n] as (typeof compiled)[number]).addBusinessTime(starts[i] as number, durations[i] as number);
    cold = Math.max(cold, ops / ((performance.now() - t) / 1000));
    t = performance.now();
    for (let i = 0; i < ops; i += 1) sink += (compiled[i % n] as (typeof compiled)[number]).addBusinessTime(starts[i] as number, durations[i] as number);
    warm = Math.max(warm, ops / ((performance.now() - t) / 1000));
  }
  // Per calendar, warm: which shapes cost what.
  const perCalendarWarm: Record<string, number> = {};
  for (const c of calendars) {
    const calendar = compileCalendar(c.spec, c.timeZone);
    const count = Math.min(ops, 200_000);
    for (let i = 0; i < count; i += 1) sink += calendar.addBusinessTime(starts[i] as number, durations[i] as number);
    const t = performance.now();
    for (let i = 0; i < count; i += 1) sink += calendar.addBusinessTime(starts[i] as number, durations[i] as number);
    perCalendarWarm[c.label] = Math.round(count / ((performance.now() - t) / 1000));
  }
  // Plain additions over the same inputs (best of three).
  let plain = 0;
  for (let pass = 0; pass < 3; pass += 1) {
    const t = performance.now();
    for (let i = 0; i < ops; i += 1) sink += (starts[i] as number) + (durations[i] as number);
    plain = Math.max(plain, ops / Math.max(1e-6, (performance.now() - t) / 1000));
  }
  // The naive implementation on the first inputs of the same list (same calendar rotation), checked against the engine.
  const naive = calendars.map((c) => new NaiveMinuteCalendar(c.spec, c.timeZone));
  const reference = calendars.map((c) => compileCalendar(c.spec, c.timeZone));
  const sample = Math.min(naiveSample, ops);
  const expected = new Float64Array(sample);
  const t = performance.now();
  for (let i = 0; i < sample; i += 1) expected[i] = (naive[i % n] as NaiveMinuteCalendar).addBusinessTime(starts[i] as number, durations[i] as number);
  const naiveOpsPerSecond = sample / ((performance.now() - t) / 1000);
  let mismatches = 0;
  for (let i = 0; i < sample; i += 1) {
    if ((reference[i % n] as (typeof reference)[number]).addBusinessTime(starts[i] as number, durations[i] as number) !== expected[i]) {
      mismatches += 1;
      if (mismatches <= 3) {
        console.log(`  MISMATCH ${calendars[i % n]?.label}: start ${new Date(starts[i] as number).toISOString()} + ${(durations[i] as number) / MINUTE} min`);
      }
    }
  }
  if (sink === 42) console.log('');
  return {
    ops,
    passes,
    coldOpsPerSecond: Math.round(cold),
    warmOpsPerSecond: Math.round(warm),
    perCalendarWarm,
    naiveSample: sample,
    naiveOpsPerSecond: round(naiveOpsPerSecond, 2),
    naiveMismatches: mismatches,
    plainAddOpsPerSecond: Math.round(plain),
  };
}
