// Datagram records over core's BufferPool, in two size classes so a small datagram holds a small
// buffer: the byte bounds then count real memory. The pools grow with use (slab by slab) up to the
// socket's bounds, and give wholly free slabs back, so an idle socket holds next to nothing. A
// datagram larger than the biggest class gets a buffer of its own size, outside the pools.
import { BufferPool, isVerifierEnabled } from "@wskit/core";
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
  #lent = 0;
  /** Receiving in place (native engine): every datagram up to the large class holds a large buffer. */
  #inPlace = false;
  #onSlabDropped: ((memory: ArrayBuffer) => void) | undefined;

  constructor(budgetBytes: number, extraEntries: number) {
    this.#budget = budgetBytes;
    this.#extra = extraEntries;
  }

  /**
   * For an engine that receives into large-class buffers in place (so a small datagram holds a
   * large buffer): the large class is bounded by the count of datagrams the bytes bound allows,
   * plus `slots` lent at once, and `onSlabDropped` hears of slabs the pool lets go. A large
   * class made before is left to its records, which still go back to it.
   */
  receiveInPlace(slots: number, onSlabDropped: (memory: ArrayBuffer) => void): void {
    // Each bind makes an engine: the latest one hears of dropped slabs; the bounds change once.
    this.#onSlabDropped = onSlabDropped;
    if (this.#inPlace) return;
    this.#inPlace = true;
    this.#extra += slots;
    this.resize(this.#budget);
  }

  /** A record over a buffer the caller made (a datagram longer than every class), outside the pools. */
  adopt(memory: Uint8Array): DatagramRecord {
    this.#outstanding++;
    return new DatagramRecord(memory, null);
  }

  /** A record whose buffer holds `length` bytes, or null when its class is exhausted. */
  allocate(length: number): DatagramRecord | null {
    const index = length <= (CLASS_SIZES[0] as number) ? 0 : length <= (CLASS_SIZES[1] as number) ? 1 : -1;
    if (index < 0) return this.adopt(new Uint8Array(length));
    const pool = (this.#pools[index] ??= new BufferPool(CLASS_SIZES[index] as number, this.#capacity(index), index === 1 ? { onSlabDropped: (memory) => this.#onSlabDropped?.(memory) } : {}));
    const buffer = pool.allocate() as PoolBuffer | null;
    if (buffer === null) return null;
    let record = buffer[kRecord];
    if (record === undefined) {
      record = new DatagramRecord(buffer, pool);
      // Fixed for the buffer's life: the client is shown this memory, and must not swap its record.
      Object.defineProperty(buffer, kRecord, { value: record });
    }
    this.#outstanding++;
    return record;
  }

  /**
   * A large-class record lent to an engine to receive into (a native slot): counted apart, since
   * it holds no datagram until {@link claim}ed; null when the class is exhausted.
   */
  allocateLent(): DatagramRecord | null {
    const record = this.allocate(LARGE_CLASS_BYTES);
    if (record === null) return null;
    this.#outstanding--;
    this.#lent++;
    record.lent = true;
    return record;
  }

  /** A lent record now holds a datagram: it counts as out, like any queued or retained one. */
  claim(record: DatagramRecord): void {
    if (!record.lent) return;
    record.lent = false;
    this.#lent--;
    this.#outstanding++;
  }

  /**
   * Gives a record's buffer back to its pool; a record that still sits in a native slot goes back to
   * being lent there instead (no pool round trip per datagram), unless the verifier is on, which
   * poisons every freed buffer to catch a write after release.
   */
  free(record: DatagramRecord): void {
    record.link = null;
    if (record.lent) {
      record.lent = false;
      this.#lent--;
    } else if (record.inSlot && !isVerifierEnabled()) {
      record.lent = true;
      this.#outstanding--;
      this.#lent++;
      return;
    } else {
      record.inSlot = false;
      this.#outstanding--;
    }
    record.pool?.free(record.memory);
  }

  /** Records lent to the engine to receive into, holding no datagram. */
  get lent(): number {
    return this.#lent;
  }

  /** New bounds, for the pools as they are: records out beyond a lowered bound come back as usual. */
  resize(budgetBytes: number): void {
    this.#budget = budgetBytes;
    this.#pools.forEach((pool, index) => pool?.setCapacity(this.#capacity(index)));
  }

  /** Records out now (queued, being indicated, or retained), whatever their pool; lent ones apart. */
  get outstanding(): number {
    return this.#outstanding;
  }

  /** Bytes of pool memory held now. */
  get memoryBytes(): number {
    return this.#pools.reduce((sum, pool) => sum + (pool?.memoryBytes ?? 0), 0);
  }

  #capacity(index: number): number {
    const cost = this.#inPlace ? (CLASS_SIZES[0] as number) : (CLASS_SIZES[index] as number);
    return Math.ceil(this.#budget / cost) + this.#extra;
  }
}

/** The largest datagram a pool buffer holds (the large class): the native engine's slot size. */
export const LARGE_CLASS_BYTES = 2048;

/**
 * What a datagram of `length` bytes counts against SO_RCVBUF and the retention limit while queued
 * or retained, on either engine (the node engine's buffer is this size; the native engine may hold
 * a larger one, received in place).
 */
export function datagramCost(length: number): number {
  const small = CLASS_SIZES[0] as number;
  const large = CLASS_SIZES[1] as number;
  return length <= small ? small : length <= large ? large : length;
}
