/**
 * Growable adjacency lists packed in typed arrays, for walks that read them fast.
 *
 * List `l` holds its entries at `[heads[2l], heads[2l] + heads[2l + 1])` (start, length); entry
 * `k` is `pairs[2k]` = the node at the other end, `pairs[2k + 1]` = the edge's type number, and
 * `edges[k]` = the edge number (read only when a node is reached). A walk reads one list as a
 * sequential run of memory without dereferencing edges, and the heads of a node's two lists
 * (out = 2n, in = 2n + 1) share a cache line.
 *
 * A full list moves to the end of the slab with double the room; the room it leaves is garbage,
 * reclaimed by compacting when the room not holding entries outgrows twice the live entries. Entry order inside a list is not
 * stable (removal swaps the last entry in).
 *
 * The arrays are replaced when they grow or compact: read them again after any change.
 */
export class AdjacencyLists {
  heads: Int32Array = new Int32Array(0);
  pairs: Int32Array = new Int32Array(0);
  edges: Int32Array = new Int32Array(0);
  private capacity: Int32Array = new Int32Array(0);
  /** Slab entries handed out (live entries, their slack and garbage). */
  private used = 0;
  /** Live entries. */
  private entries = 0;
  private lists = 0;
  /** Lists moved out of list order since the last compaction. */
  private displaced = 0;

  /**
   * Lists 0..count-1 from compressed sparse rows: list l holds entries [offsets[l], offsets[l + 1])
   * of `pairs` (other end, type: two numbers per entry) and `edges`, which the lists take over
   * (room past offsets[count] is free). Each list is full (its first add relocates it).
   */
  static fromRows(count: number, offsets: Int32Array, pairs: Int32Array, edges: Int32Array): AdjacencyLists {
    const lists = new AdjacencyLists();
    lists.ensureLists(count);
    for (let l = 0; l < count; l++) {
      const from = offsets[l] as number;
      const len = (offsets[l + 1] as number) - from;
      lists.heads[2 * l] = from;
      lists.heads[2 * l + 1] = len;
      lists.capacity[l] = len;
    }
    lists.pairs = pairs;
    lists.edges = edges;
    lists.used = offsets[count] as number;
    lists.entries = lists.used;
    return lists;
  }

  /** Makes lists 0..count-1 exist (new ones empty). */
  ensureLists(count: number): void {
    if (count > this.capacity.length) {
      const size = Math.max(1024, this.capacity.length * 2, count);
      this.heads = resized(this.heads, size * 2);
      this.capacity = resized(this.capacity, size);
    }
    if (count > this.lists) this.lists = count;
  }

  add(list: number, other: number, type: number, edge: number): void {
    if (this.heads[2 * list + 1] === this.capacity[list]) this.relocate(list, Math.max(4, 2 * (this.capacity[list] as number)));
    const len = this.heads[2 * list + 1] as number;
    const k = (this.heads[2 * list] as number) + len;
    this.pairs[2 * k] = other;
    this.pairs[2 * k + 1] = type;
    this.edges[k] = edge;
    this.heads[2 * list + 1] = len + 1;
    this.entries++;
  }

  remove(list: number, edge: number): void {
    const k = this.find(list, edge);
    if (k < 0) return;
    const len = (this.heads[2 * list + 1] as number) - 1;
    const last = (this.heads[2 * list] as number) + len;
    this.pairs[2 * k] = this.pairs[2 * last] as number;
    this.pairs[2 * k + 1] = this.pairs[2 * last + 1] as number;
    this.edges[k] = this.edges[last] as number;
    this.heads[2 * list + 1] = len;
    this.entries--;
  }

  setType(list: number, edge: number, type: number): void {
    const k = this.find(list, edge);
    if (k >= 0) this.pairs[2 * k + 1] = type;
  }

  private find(list: number, edge: number): number {
    const from = this.heads[2 * list] as number;
    for (let k = from + (this.heads[2 * list + 1] as number) - 1; k >= from; k--) if (this.edges[k] === edge) return k;
    return -1;
  }

  private relocate(list: number, room: number): void {
    // room handed out but not holding entries: garbage, plus the slack of lists that grew then shrank
    const wasted = this.used - this.entries;
    if (wasted > 4096 && wasted > 2 * this.entries) {
      this.compact(list, room);
      return;
    }
    if (this.used + room > this.edges.length) {
      const size = Math.max(4096, this.edges.length * 2, this.used + room);
      this.pairs = resized(this.pairs, size * 2);
      this.edges = resized(this.edges, size);
    }
    const from = this.heads[2 * list] as number;
    const len = this.heads[2 * list + 1] as number;
    this.pairs.copyWithin(2 * this.used, 2 * from, 2 * (from + len));
    this.edges.copyWithin(this.used, from, from + len);
    if ((this.heads[2 * list + 1] as number) > 0) this.displaced++;
    this.heads[2 * list] = this.used;
    this.capacity[list] = room;
    this.used += room;
  }

  /**
   * Rewrites the lists in list order when many have moved (after a bulk load, say), so that a
   * node's lists sit next to each other and to its neighbours by number. Cheap to call often.
   */
  compactIfScattered(): void {
    if (this.displaced > 1024 && this.displaced * 8 > this.lists) this.compact(-1, 0);
  }

  /** Rewrites every list contiguously, in list order, giving list `grow` (if any) the room `room`. */
  private compact(grow: number, room: number): void {
    let total = 0;
    for (let l = 0; l < this.lists; l++) total += l === grow ? room : slack(this.heads[2 * l + 1] as number);
    const size = Math.max(4096, Math.ceil(total * 1.5));
    const pairs = new Int32Array(size * 2);
    const edges = new Int32Array(size);
    let at = 0;
    for (let l = 0; l < this.lists; l++) {
      const from = this.heads[2 * l] as number;
      const len = this.heads[2 * l + 1] as number;
      pairs.set(this.pairs.subarray(2 * from, 2 * (from + len)), 2 * at);
      edges.set(this.edges.subarray(from, from + len), at);
      const cap = l === grow ? room : slack(len);
      this.heads[2 * l] = at;
      this.capacity[l] = cap;
      at += cap;
    }
    this.pairs = pairs;
    this.edges = edges;
    this.used = at;
    this.displaced = 0;
  }
}

function slack(length: number): number {
  return length === 0 ? 0 : length + (length >> 2) + 1;
}

function resized(array: Int32Array, size: number): Int32Array {
  const next = new Int32Array(size);
  next.set(array.subarray(0, Math.min(array.length, size)));
  return next;
}
