import { occurrenceRange, openOccurrences } from './cab-occurrences';

describe('the CAB agenda occurrences', () => {
  const now = new Date('2026-03-10T10:30:00.000Z');

  it('asks from a week back so a meeting in progress or awaiting minutes is included', () => {
    const { from, to } = occurrenceRange(now);
    expect(from.toISOString()).toBe('2026-03-03T10:30:00.000Z');
    expect(to.toISOString()).toBe('2026-04-07T10:30:00.000Z');
  });

  it('keeps meetings in progress, upcoming, and ended ones without published minutes', () => {
    const inProgress = { start: '2026-03-10T10:00:00.000Z', end: '2026-03-10T11:00:00.000Z', minutes: { publishedAt: '2026-03-10T10:20:00.000Z' } };
    const upcoming = { start: '2026-03-17T10:00:00.000Z', end: '2026-03-17T11:00:00.000Z', minutes: null };
    const unpublished = { start: '2026-03-03T10:00:00.000Z', end: '2026-03-03T11:00:00.000Z', minutes: null };
    const published = { start: '2026-03-03T12:00:00.000Z', end: '2026-03-03T13:00:00.000Z', minutes: { publishedAt: '2026-03-03T13:05:00.000Z' } };
    expect(openOccurrences([unpublished, published, inProgress, upcoming], now)).toEqual([unpublished, inProgress, upcoming]);
  });
});
