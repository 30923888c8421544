import type { ClockMeta, DueEmission } from '../domain';
import { armingText, parseArming } from './arming-snapshot';

const meta = (clockId: string, definitionId = 'sla-p1'): ClockMeta => ({ clockId, definitionId, definitionName: 'P1 resolution', kind: 'SLA', target: 'resolution', targetMs: 14_400_000, segment: null });
const due = (clockId: string, percent: number, dueAt: number, projected = false): DueEmission => ({ key: `${clockId}:${percent}`, clockId, percent, dueAt, projected });

describe('the re-arm snapshot of a ticket', () => {
  const clocks = [meta('sla-p1#1'), { ...meta('ola-sd#1~2', 'ola-sd'), kind: 'OLA', segment: { index: 2, orgId: null, groupId: 'service-desk' } } as ClockMeta];
  const emissions = [due('sla-p1#1', 50, 1_000), due('ola-sd#1~2', 75, 2_000, true), due('sla-p1#1', 100, 3_000)];

  it('reads back the clocks and due emissions it was written from, in order', () => {
    expect(parseArming(armingText(clocks, emissions))).toEqual({ clocks, due: emissions });
  });

  it('leaves out an emission whose clock is not among the owing clocks', () => {
    expect(parseArming(armingText([clocks[0] as ClockMeta], emissions))?.due).toEqual([emissions[0], emissions[2]]);
  });

  it('is smaller than the same data as documents', () => {
    expect(armingText(clocks, emissions).length).toBeLessThan(JSON.stringify({ clockMeta: clocks, due: emissions }).length);
  });

  it.each([
    ['not JSON', '[1, [], '],
    ['another format', JSON.stringify([2, [], []])],
    ['not an array', JSON.stringify({ clocks: [], due: [] })],
    ['a meta without its id', JSON.stringify([1, [{ definitionId: 'x', targetMs: 1 }], []])],
    ['a clock index out of range', JSON.stringify([1, [meta('c')], [['c:50', 1, 50, 1_000, 0]]])],
    ['a tuple of the wrong length', JSON.stringify([1, [meta('c')], [['c:50', 0, 50, 1_000]]])],
    ['a due instant that is not a number', JSON.stringify([1, [meta('c')], [['c:50', 0, 50, '1000', 0]]])],
    ['a projected flag that is not 0 or 1', JSON.stringify([1, [meta('c')], [['c:50', 0, 50, 1_000, true]]])],
  ])('is not read from %s (the caller reads the ticket instead)', (_case, text) => {
    expect(parseArming(text)).toBeUndefined();
  });
});
