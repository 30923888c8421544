import type { DueItem } from './timer-claims';

const INITIAL_CAPACITY = 1_024;

/**
 * The armed keys of a timer wheel as struct-of-arrays keyed by an integer slot, not one object
 * graph per key: a million armed keys must stay small in the heap and cheap for the garbage
 * collector to trace. Per slot: the key, its data, the partition, open flag, not-before and queued
 * instants (typed arrays), what it still owes as one packed number array of (due instant, item
 * code) pairs, and the item keys it claimed. Items are interned: those equal but for their due
 * instant are stored once and named by a code, and claimed item keys share the interned strings.
 */
export class ArmedKeys<P, D extends DueItem> {
  private readonly slots = new Map<string, number>();
  private readonly keys: (string | undefined)[] = [];
  private readonly data: (P | undefined)[] = [];
  /** Still owed, earliest first: [dueAt, code, dueAt, code, ...]; claimed and in-flight items excluded. */
  private readonly owed: (number[] | undefined)[] = [];
  /** Item keys claimed (fired or firing): never owed again. Its length numbers the next event. */
  private readonly claimedKeys: (string[] | undefined)[] = [];
  private partitions = new Int32Array(INITIAL_CAPACITY);
  private openFlags = new Uint8Array(INITIAL_CAPACITY);
  private notBefores = new Float64Array(INITIAL_CAPACITY);
  /** The instant the slot's heap entry stands for; NaN when none is queued. */
  private queuedAts = new Float64Array(INITIAL_CAPACITY).fill(NaN);
  /** Bumped whenever the slot is armed again or released: a batch in flight notices it was replaced. */
  private generations = new Uint32Array(INITIAL_CAPACITY);
  private readonly free: number[] = [];
  private used = 0;
  /** Interned items: one per identity, named by its index. */
  private readonly items: D[] = [];
  private readonly codes = new Map<string, number>();
  /** One string per item key seen in an interned item. */
  private readonly itemKeys = new Map<string, string>();

  constructor(private readonly identity: (item: D) => string) {}

  get size(): number {
    return this.slots.size;
  }

  slotOf(key: string): number | undefined {
    return this.slots.get(key);
  }

  /** Arms `key` (a new slot or its current one, whose generation moves on); answers the slot. */
  set(key: string, partition: number, open: boolean, notBefore: number, data: P, owed: readonly D[], claimed: ReadonlySet<string>): number {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.used++;
      this.ensureCapacity(slot + 1);
      this.slots.set(key, slot);
      this.keys[slot] = key;
      this.queuedAts[slot] = NaN;
    }
    const packed: number[] = [];
    for (const item of owed) packed.push(item.dueAt, this.codeOf(item));
    this.data[slot] = data;
    this.owed[slot] = packed.length === 0 ? undefined : packed;
    this.claimedKeys[slot] = claimed.size === 0 ? undefined : [...claimed].map((k) => this.itemKeys.get(k) ?? k);
    this.partitions[slot] = partition;
    this.openFlags[slot] = open ? 1 : 0;
    this.notBefores[slot] = notBefore;
    this.generations[slot] = ((this.generations[slot] as number) + 1) >>> 0;
    return slot;
  }

  /** Forgets the key held in `slot`. */
  release(slot: number): void {
    const key = this.keys[slot];
    if (key === undefined) return;
    this.slots.delete(key);
    this.keys[slot] = undefined;
    this.data[slot] = undefined;
    this.owed[slot] = undefined;
    this.claimedKeys[slot] = undefined;
    this.queuedAts[slot] = NaN;
    this.generations[slot] = ((this.generations[slot] as number) + 1) >>> 0;
    this.free.push(slot);
  }

  /** Every slot in use whose partition is in `partitions`. */
  slotsOf(partitions: ReadonlySet<number>): number[] {
    const out: number[] = [];
    for (let slot = 0; slot < this.used; slot += 1) {
      if (this.keys[slot] !== undefined && partitions.has(this.partitions[slot] as number)) out.push(slot);
    }
    return out;
  }

  inUse(slot: number): boolean {
    return this.keys[slot] !== undefined;
  }

  key(slot: number): string {
    return this.keys[slot] as string;
  }

  dataOf(slot: number): P {
    return this.data[slot] as P;
  }

  partition(slot: number): number {
    return this.partitions[slot] as number;
  }

  isOpen(slot: number): boolean {
    return this.openFlags[slot] === 1;
  }

  notBefore(slot: number): number {
    return this.notBefores[slot] as number;
  }

  generation(slot: number): number {
    return this.generations[slot] as number;
  }

  queuedAt(slot: number): number {
    return this.queuedAts[slot] as number;
  }

  setQueuedAt(slot: number, at: number): void {
    this.queuedAts[slot] = at;
  }

  /** The earliest owed instant, or undefined when nothing is owed. */
  firstDueAt(slot: number): number | undefined {
    return this.owed[slot]?.[0];
  }

  owes(slot: number): boolean {
    return this.owed[slot] !== undefined;
  }

  /** Removes and answers the owed items due at or before `now`, earliest first. */
  takeDue(slot: number, now: number): D[] {
    const packed = this.owed[slot];
    if (packed === undefined) return [];
    let n = 0;
    while (n < packed.length && (packed[n] as number) <= now) n += 2;
    const taken: D[] = [];
    for (let i = 0; i < n; i += 2) taken.push(this.itemAt(packed[i] as number, packed[i + 1] as number));
    if (n === packed.length) this.owed[slot] = undefined;
    else packed.splice(0, n);
    return taken;
  }

  /** Owes the items again (their claim failed), in due order. */
  giveBack(slot: number, items: readonly D[]): void {
    if (items.length === 0) return;
    const pairs: [number, number][] = items.map((item) => [item.dueAt, this.codeOf(item)]);
    const packed = this.owed[slot] ?? [];
    for (let i = 0; i < packed.length; i += 2) pairs.push([packed[i] as number, packed[i + 1] as number]);
    pairs.sort((a, b) => a[0] - b[0]);
    const merged: number[] = [];
    for (const [dueAt, code] of pairs) merged.push(dueAt, code);
    this.owed[slot] = merged;
  }

  claimedCount(slot: number): number {
    return this.claimedKeys[slot]?.length ?? 0;
  }

  claimed(slot: number): Set<string> {
    return new Set(this.claimedKeys[slot]);
  }

  addClaimed(slot: number, itemKey: string): void {
    const interned = this.itemKeys.get(itemKey) ?? itemKey;
    const list = this.claimedKeys[slot];
    if (list === undefined) this.claimedKeys[slot] = [interned];
    else if (!list.includes(interned)) list.push(interned);
  }

  private codeOf(item: D): number {
    const identity = this.identity(item);
    let code = this.codes.get(identity);
    if (code === undefined) {
      code = this.items.length;
      this.codes.set(identity, code);
      if (!this.itemKeys.has(item.key)) this.itemKeys.set(item.key, item.key);
      this.items.push(item);
    }
    return code;
  }

  /** The interned item as due at `dueAt` (the stored copy itself when the instant matches). */
  private itemAt(dueAt: number, code: number): D {
    const item = this.items[code] as D;
    return item.dueAt === dueAt ? item : { ...item, dueAt };
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.partitions.length) return;
    const capacity = Math.max(needed, this.partitions.length * 2);
    this.partitions = grow(this.partitions, new Int32Array(capacity));
    this.openFlags = grow(this.openFlags, new Uint8Array(capacity));
    this.notBefores = grow(this.notBefores, new Float64Array(capacity));
    this.queuedAts = grow(this.queuedAts, new Float64Array(capacity).fill(NaN));
    this.generations = grow(this.generations, new Uint32Array(capacity));
  }
}

function grow<T extends Int32Array | Uint8Array | Float64Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
