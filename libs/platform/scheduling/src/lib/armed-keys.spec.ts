import { ArmedKeys } from './armed-keys';
import type { DueItem } from './timer-claims';

interface Item extends DueItem {
  readonly kind: string;
}

const keys = (): ArmedKeys<string, Item> => new ArmedKeys<string, Item>((item) => `${item.key}|${item.kind}`);
const item = (key: string, dueAt: number, kind = 'k'): Item => ({ key, dueAt, kind });

describe('ArmedKeys', () => {
  it('stores items equal but for their instant once, and hands them back at their own instants', () => {
    const armed = keys();
    const a = armed.set('a', 0, true, 0, 'A', [item('warn', 10), item('breach', 20)], new Set());
    const b = armed.set('b', 1, true, 0, 'B', [item('warn', 15)], new Set());
    expect(armed.firstDueAt(a)).toBe(10);
    expect(armed.takeDue(a, 10)).toEqual([item('warn', 10)]);
    const [fromB] = armed.takeDue(b, 100);
    expect(fromB).toEqual(item('warn', 15));
    expect(armed.owes(b)).toBe(false);
    expect(armed.firstDueAt(a)).toBe(20);
    expect(armed.partition(b)).toBe(1);
  });

  it('gives items back in due order, keeps claimed keys, and reuses a released slot with a new generation', () => {
    const armed = keys();
    const a = armed.set('a', 0, false, 0, 'A', [item('x', 30)], new Set(['old']));
    armed.giveBack(a, [item('y', 20)]);
    expect(armed.takeDue(a, 100).map((i) => i.key)).toEqual(['y', 'x']);
    armed.addClaimed(a, 'x');
    expect(armed.claimed(a)).toEqual(new Set(['old', 'x']));
    expect(armed.claimedCount(a)).toBe(2);
    const generation = armed.generation(a);
    armed.release(a);
    expect(armed.size).toBe(0);
    expect(armed.inUse(a)).toBe(false);
    const c = armed.set('c', 2, true, 0, 'C', [], new Set());
    expect(c).toBe(a);
    expect(armed.generation(c)).not.toBe(generation);
    expect(armed.claimed(c)).toEqual(new Set());
    expect(armed.slotsOf(new Set([2]))).toEqual([c]);
  });

  it('grows past its initial capacity', () => {
    const armed = keys();
    for (let n = 0; n < 5_000; n += 1) armed.set(`k${n}`, n % 12, true, 0, 'x', [item('b', n)], new Set());
    expect(armed.size).toBe(5_000);
    expect(armed.firstDueAt(armed.slotOf('k4999') as number)).toBe(4_999);
    expect(armed.slotsOf(new Set([11]))).toHaveLength(416);
  });
});
