/** Hands a cursor's items over in arrays of `size` (the last one shorter); answers how many there were. */
export async function inBatches<T, R>(source: AsyncIterable<T>, size: number, map: (item: T) => R, batch: (items: R[]) => void): Promise<number> {
  let count = 0;
  let pending: R[] = [];
  for await (const item of source) {
    pending.push(map(item));
    count += 1;
    if (pending.length >= size) {
      batch(pending);
      pending = [];
    }
  }
  if (pending.length) batch(pending);
  return count;
}
