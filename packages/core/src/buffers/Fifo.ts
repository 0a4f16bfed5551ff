import { programmerError } from "../errors";
import { describeValue } from "../describeValue";

/**
 * A first-in first-out queue on a ring buffer that grows by doubling and never shrinks, so a steady
 * queue allocates nothing per item. Providers queue IRPs and datagrams in it; `unshift` puts items
 * back at the front, as a refused indication list goes back ahead of newer data.
 */
export class Fifo<T> {
  #ring: Array<T | undefined>;
  #mask: number;
  #head = 0;
  #size = 0;

  /**
   * @param capacity - initial room, rounded up to a power of two (1 to 2²⁴).
   * @throws ERR_OUT_OF_RANGE for a capacity that is not an integer in that range.
   */
  constructor(capacity = 16) {
    if (typeof capacity !== "number" || !Number.isInteger(capacity) || capacity < 1 || capacity > 2 ** 24) {
      throw programmerError("ERR_OUT_OF_RANGE", `Fifo: capacity must be an integer from 1 to ${2 ** 24}; received ${describeValue(capacity)}`);
    }
    let room = 2;
    while (room < capacity) room *= 2;
    this.#ring = new Array<T | undefined>(room);
    this.#mask = room - 1;
  }

  /** Items in the queue. */
  get size(): number {
    return this.#size;
  }

  /** Adds at the back. */
  push(item: T): void {
    if (this.#size === this.#ring.length) this.#grow();
    this.#ring[(this.#head + this.#size) & this.#mask] = item;
    this.#size++;
  }

  /** Adds at the front. */
  unshift(item: T): void {
    if (this.#size === this.#ring.length) this.#grow();
    this.#head = (this.#head - 1) & this.#mask;
    this.#ring[this.#head] = item;
    this.#size++;
  }

  /** Removes and returns the front item, or undefined when empty. */
  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const item = this.#ring[this.#head];
    this.#ring[this.#head] = undefined;
    this.#head = (this.#head + 1) & this.#mask;
    this.#size--;
    return item;
  }

  /** The front item without removing it. */
  peek(): T | undefined {
    return this.#size === 0 ? undefined : this.#ring[this.#head];
  }

  /** Removes one item wherever it is (a cancelled IRP); false when absent. O(size). */
  remove(item: T): boolean {
    for (let i = 0; i < this.#size; i++) {
      if (this.#ring[(this.#head + i) & this.#mask] !== item) continue;
      for (let j = i; j < this.#size - 1; j++) {
        this.#ring[(this.#head + j) & this.#mask] = this.#ring[(this.#head + j + 1) & this.#mask];
      }
      this.#ring[(this.#head + this.#size - 1) & this.#mask] = undefined;
      this.#size--;
      return true;
    }
    return false;
  }

  /** Removes every item, front first, handing each to `each`. */
  drain(each: (item: T) => void): void {
    for (let item = this.shift(); item !== undefined; item = this.shift()) each(item);
  }

  #grow(): void {
    const next = new Array<T | undefined>(this.#ring.length * 2);
    for (let i = 0; i < this.#size; i++) next[i] = this.#ring[(this.#head + i) & this.#mask];
    this.#ring = next;
    this.#mask = next.length - 1;
    this.#head = 0;
  }
}
