// Indication records over core's BufferPool, in two size classes so a small datagram holds a small
// buffer: the byte bounds then count real memory. One record is made per pool buffer, once, and
// reused with it, so a steady receive path allocates nothing of its own. A datagram larger than the
// biggest class gets a buffer of its own size, outside the pools.
import { BufferPool } from "@wskit/core";
import { WskDatagramIndication } from "../wsk/WskDatagramIndication";

const CLASS_SIZES: readonly number[] = [256, 2048];
const kRecord = Symbol("WskDatagramIndication");

type PoolBuffer = Uint8Array & { [kRecord]?: WskDatagramIndication };

export class IndicationPool {
  readonly #pools: Array<BufferPool | undefined> = [undefined, undefined];
  /** Bytes the pools may hold at once, to size each class. */
  #budget: number;
  #extra: number;

  constructor(budgetBytes: number, extraEntries: number) {
    this.#budget = budgetBytes;
    this.#extra = extraEntries;
  }

  /** A record whose buffer holds `length` bytes, or null when its class is exhausted. */
  allocate(length: number): WskDatagramIndication | null {
    const index = length <= (CLASS_SIZES[0] as number) ? 0 : length <= (CLASS_SIZES[1] as number) ? 1 : -1;
    if (index < 0) return new WskDatagramIndication(new Uint8Array(length), null);
    const pool = (this.#pools[index] ??= new BufferPool(CLASS_SIZES[index] as number, this.#capacity(index)));
    const buffer = pool.allocate() as PoolBuffer | null;
    if (buffer === null) return null;
    return (buffer[kRecord] ??= new WskDatagramIndication(buffer, pool));
  }

  /** Gives a record's buffer back to its pool. */
  free(record: WskDatagramIndication): void {
    record.Next = null;
    record.pool?.free(record.memory);
  }

  /** New bounds: later pools are sized for them (records of older pools still go back to those). */
  resize(budgetBytes: number): void {
    this.#budget = budgetBytes;
    this.#pools.fill(undefined);
  }

  /** Buffers out of the pools now. */
  get outstanding(): number {
    return this.#pools.reduce((sum, pool) => sum + (pool?.outstanding ?? 0), 0);
  }

  #capacity(index: number): number {
    return Math.ceil(this.#budget / (CLASS_SIZES[index] as number)) + this.#extra;
  }
}

/** The memory a datagram of `length` bytes holds while queued or retained. */
export function datagramCost(length: number): number {
  const small = CLASS_SIZES[0] as number;
  const large = CLASS_SIZES[1] as number;
  return length <= small ? small : length <= large ? large : length;
}
