/**
 * A binary min-heap of (due instant, slot) in two parallel number arrays: one entry per armed key, so
 * a million armed keys cost two unboxed array slots each, not an object per timer. Entries are not
 * removed when a key's next due instant moves; the owner checks an entry against the slot when it pops.
 */
export class DueHeap {
  private readonly due: number[] = [];
  private readonly slots: number[] = [];

  get size(): number {
    return this.due.length;
  }

  peek(): number | undefined {
    return this.due[0];
  }

  push(dueAt: number, slot: number): void {
    const due = this.due;
    const slots = this.slots;
    let i = due.length;
    due.push(dueAt);
    slots.push(slot);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((due[parent] as number) <= dueAt) break;
      due[i] = due[parent] as number;
      slots[i] = slots[parent] as number;
      i = parent;
    }
    due[i] = dueAt;
    slots[i] = slot;
  }

  /** Removes and answers the earliest entry. */
  pop(): { dueAt: number; slot: number } | undefined {
    const due = this.due;
    const slots = this.slots;
    if (due.length === 0) return undefined;
    const top = { dueAt: due[0] as number, slot: slots[0] as number };
    const lastDue = due.pop() as number;
    const lastSlot = slots.pop() as number;
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
        slots[i] = slots[child] as number;
        i = child;
      }
      due[i] = lastDue;
      slots[i] = lastSlot;
    }
    return top;
  }

  clear(): void {
    this.due.length = 0;
    this.slots.length = 0;
  }
}
