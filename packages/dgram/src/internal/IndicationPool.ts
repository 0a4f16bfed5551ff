// Datagram records over core's BufferPool, in two size classes so a small datagram holds a small
// buffer: the byte bounds then count real memory. The pools grow with use (slab by slab) up to the
// socket's bounds, and give wholly free slabs back, so an idle socket holds next to nothing. A
// datagram larger than the biggest class gets a buffer of its own size, outside the pools.
import { BufferPool } from "@wskit/core";
import { DatagramRecord } from "./DatagramRecord";

const CLASS_SIZES: readonly number[] = [256, 2048];
const kRecord = Symbol("DatagramRecord");

type PoolBuffer = Uint8Array & { [kRecord]?: DatagramRecord };

export class IndicationPool {
  readonly #pools: Array<BufferPool | undefined> = [undefined, undefined];
  /** Bytes the pools may hold at once, to bound each class. */
  #budget: number;
  #extra: number;
  #outstanding = 0;

  constructor(budgetBytes: number, extraEntries: number) {
    this.#budget = budgetBytes;
    this.#extra = extraEntries;
  }

  /** A record whose buffer holds `length` bytes, or null when its class is exhausted. */
  allocate(length: number): DatagramRecord | null {
    const index = length <= (CLASS_SIZES[0] as number) ? 0 : length <= (CLASS_SIZES[1] as number) ? 1 : -1;
    let record: DatagramRecord;
    if (index < 0) {
      record = new DatagramRecord(new Uint8Array(length), null);
    } else {
      const pool = (this.#pools[index] ??= new BufferPool(CLASS_SIZES[index] as number, this.#capacity(index)));
      const buffer = pool.allocate() as PoolBuffer | null;
      if (buffer === null) return null;
      record = buffer[kRecord] ??= new DatagramRecord(buffer, pool);
    }
    this.#outstanding++;
    return record;
  }

  /** Gives a record's buffer back to its pool. */
  free(record: DatagramRecord): void {
    record.link = null;
    this.#outstanding--;
    record.pool?.free(record.memory);
  }

  /** New bounds, for the pools as they are: records out beyond a lowered bound come back as usual. */
  resize(budgetBytes: number): void {
    this.#budget = budgetBytes;
    this.#pools.forEach((pool, index) => pool?.setCapacity(this.#capacity(index)));
  }

  /** Records out now (queued, being indicated, or retained), whatever their pool. */
  get outstanding(): number {
    return this.#outstanding;
  }

  /** Bytes of pool memory held now. */
  get memoryBytes(): number {
    return this.#pools.reduce((sum, pool) => sum + (pool?.memoryBytes ?? 0), 0);
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
