/**
 * A binary min-heap of (due instant, key) in two parallel arrays: one entry per armed key, so a
 * million armed keys cost two array slots each, not an object per timer. Entries are not removed when
 * a key's next due instant moves; the owner checks an entry against the key when it pops.
 */
export class DueHeap {
  private readonly due: number[] = [];
  private readonly keys: string[] = [];

  get size(): number {
    return this.due.length;
  }

  peek(): number | undefined {
    return this.due[0];
  }

  push(dueAt: number, key: string): void {
    const due = this.due;
    const keys = this.keys;
    let i = due.length;
    due.push(dueAt);
    keys.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((due[parent] as number) <= dueAt) break;
      due[i] = due[parent] as number;
      keys[i] = keys[parent] as string;
      i = parent;
    }
    due[i] = dueAt;
    keys[i] = key;
  }

  /** Removes and answers the earliest entry. */
  pop(): { dueAt: number; key: string } | undefined {
    const due = this.due;
    const keys = this.keys;
    if (due.length === 0) return undefined;
    const top = { dueAt: due[0] as number, key: keys[0] as string };
    const lastDue = due.pop() as number;
    const lastKey = keys.pop() as string;
    const n = due.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && (due[right] as number) < (due[left] as number) ? right : left;
        if ((due[child] as number) >= lastDue) break;
        due[i] = due[child] as number;
        keys[i] = keys[child] as string;
        i = child;
      }
      due[i] = lastDue;
      keys[i] = lastKey;
    }
    return top;
  }

  clear(): void {
    this.due.length = 0;
    this.keys.length = 0;
  }
}
