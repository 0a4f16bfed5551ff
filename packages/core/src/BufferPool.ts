import { programmerError, WskVerifierError } from "./errors";
import { reportViolation } from "./internal/reportViolation";
import { HOOKS, verifier, verifierActive } from "./internal/verifierState";

/** What a pool reports about itself. */
export interface PoolStats {
  /** Entries the pool can hand out at once. */
  readonly capacity: number;
  /** Entries free in the pool now. */
  readonly available: number;
  /** Entries handed out and not yet freed. */
  readonly outstanding: number;
  /** Allocations asked for, and how many found the pool empty. */
  readonly allocations: number;
  /** Allocations that found no free entry (a new entry was made, or none could be). */
  readonly misses: number;
}

/**
 * A lookaside pool of fixed-size buffers, `ExInitializeLookasideListEx`-style: one slab of
 * `capacity × size` bytes cut into views made once, so `allocate` and `free` allocate nothing.
 * When every buffer is out, `allocate` returns null and the caller drops (and counts) instead of
 * growing memory: that bound is what keeps a receive path's memory flat whatever the peer sends.
 *
 * Under the verifier, a freed buffer is filled with the poison byte and checked when it is handed
 * out again: a write after free shows as ERR_VERIFIER_BUFFER_USED_AFTER_FREE.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-exinitializelookasidelistex
 */
export class BufferPool implements PoolStats {
  /** Bytes in each buffer. */
  readonly size: number;
  readonly capacity: number;
  #slab: ArrayBuffer;
  #views: Uint8Array[];
  #free: Int32Array;
  #freeCount: number;
  // Per buffer: OUT, FREE, or POISONED (freed while the verifier was on, so checked when handed out).
  #slots: Uint8Array;
  #allocations = 0;
  #misses = 0;

  /**
   * @param size - bytes in each buffer (at least 1).
   * @param capacity - buffers in the pool (at least 1).
   * @throws ERR_OUT_OF_RANGE for a size or capacity that is not a positive integer.
   */
  constructor(size: number, capacity: number) {
    for (const [name, value] of [["size", size], ["capacity", capacity]] as const) {
      if (!Number.isInteger(value) || value < 1) {
        throw programmerError("ERR_OUT_OF_RANGE", `BufferPool: ${name} must be a positive integer; received ${String(value)}`);
      }
    }
    this.size = size;
    this.capacity = capacity;
    this.#slab = new ArrayBuffer(size * capacity);
    this.#views = Array.from({ length: capacity }, (_, i) => new Uint8Array(this.#slab, i * size, size));
    this.#free = Int32Array.from({ length: capacity }, (_, i) => capacity - 1 - i);
    this.#freeCount = capacity;
    this.#slots = new Uint8Array(capacity);
  }

  /** A free buffer of `size` bytes, or null when all are out. Its contents are whatever was left in it. */
  allocate(): Uint8Array | null {
    this.#allocations++;
    if (this.#freeCount === 0) {
      this.#misses++;
      return null;
    }
    const index = this.#free[--this.#freeCount] as number;
    const view = this.#views[index] as Uint8Array;
    if (HOOKS && this.#slots[index] === POISONED) checkPoison(view);
    this.#slots[index] = OUT;
    return view;
  }

  /**
   * Gives a buffer back.
   * @throws ERR_POOL_FOREIGN_ENTRY for a buffer this pool did not hand out; ERR_POOL_DOUBLE_FREE
   *   for one already given back.
   */
  free(buffer: Uint8Array): void {
    const index = this.#indexOf(buffer);
    if (this.#slots[index] !== OUT) throw programmerError("ERR_POOL_DOUBLE_FREE", "BufferPool.free: the buffer was freed already");
    if (HOOKS && verifierActive) {
      buffer.fill(verifier.options.poisonByte);
      this.#slots[index] = POISONED;
    } else {
      this.#slots[index] = FREE;
    }
    this.#free[this.#freeCount++] = index;
  }

  /** True when `buffer` is one of this pool's buffers (out or free). */
  owns(buffer: Uint8Array): boolean {
    return buffer.buffer === this.#slab && buffer.byteLength === this.size && buffer.byteOffset % this.size === 0;
  }

  get available(): number {
    return this.#freeCount;
  }

  get outstanding(): number {
    return this.capacity - this.#freeCount;
  }

  get allocations(): number {
    return this.#allocations;
  }

  /** Allocations that found every buffer in use. */
  get misses(): number {
    return this.#misses;
  }

  #indexOf(buffer: Uint8Array): number {
    if (!(buffer instanceof Uint8Array) || !this.owns(buffer)) {
      throw programmerError("ERR_POOL_FOREIGN_ENTRY", "BufferPool.free: the buffer does not come from this pool");
    }
    return buffer.byteOffset / this.size;
  }
}

const FREE = 0;
const OUT = 1;
const POISONED = 2;

function checkPoison(view: Uint8Array): void {
  const poison = verifier.options.poisonByte;
  for (let i = 0; i < view.byteLength; i++) {
    if (view[i] !== poison) {
      view.fill(poison);
      reportViolation(new WskVerifierError("ERR_VERIFIER_BUFFER_USED_AFTER_FREE", `byte ${i} of a ${view.byteLength}-byte pool buffer`));
      return;
    }
  }
}
