/** A binary min-heap of pixel indices keyed by a float (the arrival time of the fast-marching method). */
export class MinHeap {
  #keys: Float64Array;
  #items: Int32Array;
  #size = 0;

  constructor(capacity: number) {
    this.#keys = new Float64Array(Math.max(16, capacity));
    this.#items = new Int32Array(Math.max(16, capacity));
  }

  /** Number of entries. */
  get size(): number {
    return this.#size;
  }

  /** Adds `item` with `key` (an item may be added again with a smaller key; stale entries are skipped by the caller). */
  push(item: number, key: number): void {
    if (this.#size === this.#keys.length) this.#grow();
    let i = this.#size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.#keys[parent]! <= key) break;
      this.#keys[i] = this.#keys[parent]!;
      this.#items[i] = this.#items[parent]!;
      i = parent;
    }
    this.#keys[i] = key;
    this.#items[i] = item;
  }

  /** Removes and returns the item with the smallest key (undefined when empty). */
  pop(): number | undefined {
    if (this.#size === 0) return undefined;
    const top = this.#items[0]!;
    const n = --this.#size;
    const key = this.#keys[n]!;
    const item = this.#items[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.#keys[child + 1]! < this.#keys[child]!) child++;
      if (this.#keys[child]! >= key) break;
      this.#keys[i] = this.#keys[child]!;
      this.#items[i] = this.#items[child]!;
      i = child;
    }
    this.#keys[i] = key;
    this.#items[i] = item;
    return top;
  }

  #grow(): void {
    const keys = new Float64Array(this.#keys.length * 2);
    const items = new Int32Array(this.#items.length * 2);
    keys.set(this.#keys);
    items.set(this.#items);
    this.#keys = keys;
    this.#items = items;
  }
}
