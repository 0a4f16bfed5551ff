import { isUint8Array } from "node:util/types";
import { markAsUntransferable } from "node:worker_threads";
import { programmerError, WskVerifierError } from "../errors";
import { reportCallbackError } from "../verifier/reportCallbackError";
import { reportViolation } from "../verifier/reportViolation";
import { HOOKS, verifier, verifierActive } from "../verifier/verifierState";
import { describeValue } from "../describeValue";

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

/** What a {@link BufferPool} tells its owner. */
export interface BufferPoolOptions {
  /**
   * Called when a slab's memory leaves the pool (trimmed after it was wholly free, or found
   * detached): whoever lent that memory elsewhere (a native engine writing into it) lets go of it.
   */
  onSlabDropped?: (memory: ArrayBuffer) => void;
}

/** The largest buffer a {@link BufferPool} hands out: 1 GiB. */
export const MAX_POOL_BUFFER_SIZE = 2 ** 30;
/** The most buffers a {@link BufferPool} may hold: 2²⁴ (16,777,216). */
export const MAX_POOL_CAPACITY = 2 ** 24;

// Buffers are cut from slabs of about this many bytes (one buffer a slab when a buffer is larger),
// made when first needed: a pool sized for 256 MiB costs nothing until it is used, and growing it
// by a slab never blocks the event loop for long.
const SLAB_BYTES = 16 * 1024;
// Wholly free slabs are kept this long before they go back to the system (all but one), so a pool
// that fills and empties with every burst reuses its slabs instead of making them again.
const TRIM_AFTER_MS = 1000;

const FREE = 0;
const OUT = 1;
const POISONED = 2;

/** One slab: its memory, the views cut from it, and which of them are free. */
interface Slab {
  readonly memory: ArrayBuffer;
  readonly views: Uint8Array[];
  /** Indexes of free views, a stack of `freeCount`. */
  readonly free: Int32Array;
  freeCount: number;
  /** Per view: OUT, FREE, or POISONED (freed under the verifier, so checked when handed out). */
  readonly slots: Uint8Array;
  /** Where the slab stands in the pool's list of slabs with a free view, or -1. */
  position: number;
  /** Its memory was detached (transferred away) under the pool: it lends nothing more. */
  detached: boolean;
}

/**
 * A lookaside pool of fixed-size buffers, `ExInitializeLookasideListEx`-style: buffers are views cut
 * once from slabs, so `allocate` and `free` allocate nothing in a steady state. Slabs are made as use
 * grows, never past `capacity` buffers out at once, and slabs that are wholly free again go back
 * to the system a second later (one spare is kept), so the memory follows use, not the configured
 * bound, while a pool that fills and empties with every burst keeps reusing its slabs. When
 * `capacity` buffers are out, `allocate` returns null and the caller drops (and counts) instead of
 * growing: that bound is what keeps a receive path's memory flat whatever the peer sends.
 *
 * Under the verifier, a freed buffer is filled with the poison byte and checked when it is handed
 * out again: a write after free shows as ERR_VERIFIER_BUFFER_USED_AFTER_FREE.
 *
 * A slab's memory is shared by all its buffers, so it is marked untransferable: a transfer list
 * that names it (postMessage, structuredClone) copies it, or throws, instead of detaching every
 * buffer of the slab. Memory detached all the same (`ArrayBuffer.prototype.transfer` where the
 * runtime lets it) is survived: its buffers still come back, and the slab lends nothing more.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-exinitializelookasidelistex
 */
export class BufferPool implements PoolStats {
  /** Bytes in each buffer. */
  readonly size: number;
  #capacity: number;
  readonly #perSlab: number;
  /** Every live slab, by its memory, so `free` finds a view's slab (detached or not: the memory object stays). */
  readonly #slabs = new Map<ArrayBuffer, Slab>();
  /** Slabs with at least one free view (a wholly free spare excepted); allocation takes the last. */
  readonly #partial: Slab[] = [];
  /** Wholly free slabs, kept for the next growth until the trim (see TRIM_AFTER_MS). */
  readonly #spares: Slab[] = [];
  #trim: ReturnType<typeof setTimeout> | null = null;
  readonly #onSlabDropped: ((memory: ArrayBuffer) => void) | undefined;
  #outstanding = 0;
  #allocations = 0;
  #misses = 0;

  /**
   * @param size - bytes in each buffer, 1 to {@link MAX_POOL_BUFFER_SIZE}.
   * @param capacity - buffers out at once at most, 1 to {@link MAX_POOL_CAPACITY}.
   * @param options - {@link BufferPoolOptions}.
   * @throws ERR_OUT_OF_RANGE for a size or capacity that is not an integer in its range;
   *   ERR_INVALID_ARG_TYPE for an `onSlabDropped` that is not a function.
   */
  constructor(size: number, capacity: number, options: BufferPoolOptions = {}) {
    checkCount("size", size, MAX_POOL_BUFFER_SIZE);
    checkCount("capacity", capacity, MAX_POOL_CAPACITY);
    const onSlabDropped = (options as BufferPoolOptions | null)?.onSlabDropped;
    if (onSlabDropped !== undefined && typeof onSlabDropped !== "function") {
      throw programmerError("ERR_INVALID_ARG_TYPE", "BufferPool: options.onSlabDropped must be a function");
    }
    this.#onSlabDropped = onSlabDropped;
    this.size = size;
    this.#capacity = capacity;
    this.#perSlab = Math.max(1, Math.min(capacity, Math.floor(SLAB_BYTES / size)));
  }

  /** Buffers out at once at most. */
  get capacity(): number {
    return this.#capacity;
  }

  /**
   * Changes the bound on buffers out at once. Buffers out beyond a lowered bound stay valid and come
   * back as usual; allocation refuses until fewer than `capacity` are out.
   * @throws ERR_OUT_OF_RANGE for a capacity that is not an integer from 1 to {@link MAX_POOL_CAPACITY}.
   */
  setCapacity(capacity: number): void {
    checkCount("capacity", capacity, MAX_POOL_CAPACITY);
    this.#capacity = capacity;
  }

  /** A free buffer of `size` bytes, or null when `capacity` are out. Its contents are whatever was left in it. */
  allocate(): Uint8Array | null {
    this.#allocations++;
    for (;;) {
      if (this.#outstanding >= this.#capacity) {
        this.#misses++;
        return null;
      }
      const slab = this.#partial[this.#partial.length - 1] ?? this.#grow();
      const index = slab.free[--slab.freeCount] as number;
      if (slab.freeCount === 0) this.#unlist(slab);
      const view = slab.views[index] as Uint8Array;
      if (view.byteLength !== this.size) {
        // Its memory was detached (transferred) under us: the slab is gone, take another.
        this.#discard(slab);
        continue;
      }
      if (HOOKS && slab.slots[index] === POISONED) checkPoison(view);
      slab.slots[index] = OUT;
      this.#outstanding++;
      return view;
    }
  }

  /**
   * Gives a buffer back.
   * @throws ERR_POOL_FOREIGN_ENTRY for a buffer this pool did not hand out; ERR_POOL_DOUBLE_FREE
   *   for one already given back.
   */
  free(buffer: Uint8Array): void {
    const slab = isUint8Array(buffer) ? this.#slabs.get(buffer.buffer as ArrayBuffer) : undefined;
    // Its memory was detached under us before an allocation saw it (every view then reads as empty,
    // at offset 0): the slab lends nothing more, and the view is found among its views.
    if (slab !== undefined && !slab.detached && slab.memory.byteLength === 0) this.#discard(slab);
    const index = slab === undefined ? -1 : slab.detached ? slab.views.indexOf(buffer) : this.#indexIn(slab, buffer);
    if (slab === undefined || index < 0) {
      throw programmerError("ERR_POOL_FOREIGN_ENTRY", "BufferPool.free: the buffer does not come from this pool");
    }
    if (slab.slots[index] !== OUT) throw programmerError("ERR_POOL_DOUBLE_FREE", "BufferPool.free: the buffer was freed already");
    if (slab.detached) {
      // Back from a slab whose memory is gone: counted in, never lent again.
      slab.slots[index] = FREE;
      this.#outstanding--;
      if (!slab.slots.includes(OUT)) this.#drop(slab);
      return;
    }
    if (HOOKS && verifierActive) {
      buffer.fill(verifier.options.poisonByte);
      slab.slots[index] = POISONED;
    } else {
      slab.slots[index] = FREE;
    }
    slab.free[slab.freeCount++] = index;
    this.#outstanding--;
    if (slab.freeCount === 1 && this.#perSlab > 1) this.#list(slab);
    if (slab.freeCount === this.#perSlab) this.#retire(slab);
  }

  /** True when `buffer` is one of this pool's buffers (out or free). */
  owns(buffer: Uint8Array): boolean {
    const slab = isUint8Array(buffer) ? this.#slabs.get(buffer.buffer as ArrayBuffer) : undefined;
    return slab !== undefined && (slab.detached ? slab.views.includes(buffer) : this.#indexIn(slab, buffer) >= 0);
  }

  get available(): number {
    return Math.max(0, this.#capacity - this.#outstanding);
  }

  get outstanding(): number {
    return this.#outstanding;
  }

  get allocations(): number {
    return this.#allocations;
  }

  /** Allocations that found every buffer in use. */
  get misses(): number {
    return this.#misses;
  }

  /** Bytes of slab memory the pool holds now (buffers out, free ones, and the spare slab). */
  get memoryBytes(): number {
    return this.#slabs.size * this.#perSlab * this.size;
  }

  #indexIn(slab: Slab, buffer: Uint8Array): number {
    const index = buffer.byteOffset / this.size;
    return slab.views[index] === buffer ? index : -1;
  }

  // A slab to allocate from when no listed slab has a free view: a spare, or a new one.
  #grow(): Slab {
    let slab = this.#spares.pop();
    if (slab === undefined) {
      const perSlab = this.#perSlab;
      const memory = new ArrayBuffer(perSlab * this.size);
      markAsUntransferable(memory);
      const views = new Array<Uint8Array>(perSlab);
      for (let i = 0; i < perSlab; i++) views[i] = new Uint8Array(memory, i * this.size, this.size);
      const free = new Int32Array(perSlab);
      for (let i = 0; i < perSlab; i++) free[i] = perSlab - 1 - i;
      slab = { memory, views, free, freeCount: perSlab, slots: new Uint8Array(perSlab), position: -1, detached: false };
      this.#slabs.set(memory, slab);
    }
    this.#list(slab);
    return slab;
  }

  #list(slab: Slab): void {
    if (slab.position >= 0) return;
    slab.position = this.#partial.length;
    this.#partial.push(slab);
  }

  #unlist(slab: Slab): void {
    const at = slab.position;
    if (at < 0) return;
    const last = this.#partial.pop() as Slab;
    if (last !== slab) {
      this.#partial[at] = last;
      last.position = at;
    }
    slab.position = -1;
  }

  // A wholly free slab becomes a spare; spares beyond one go back to the system at the next trim.
  #retire(slab: Slab): void {
    this.#unlist(slab);
    this.#spares.push(slab);
    if (this.#spares.length > 1 && this.#trim === null) {
      this.#trim = setTimeout(() => this.#trimSpares(), TRIM_AFTER_MS);
      this.#trim.unref();
    }
  }

  #trimSpares(): void {
    this.#trim = null;
    while (this.#spares.length > 1) this.#drop(this.#spares.shift() as Slab);
  }

  #drop(slab: Slab): void {
    this.#slabs.delete(slab.memory);
    if (this.#onSlabDropped === undefined) return;
    try {
      this.#onSlabDropped(slab.memory);
    } catch (error) {
      reportCallbackError("internal", "a pool dropping a slab", error); // from a timer: never thrown on
    }
  }

  // Its views that are out still come back (and are counted in); the slab lends nothing more.
  #discard(slab: Slab): void {
    this.#unlist(slab);
    slab.detached = true;
    const spare = this.#spares.indexOf(slab);
    if (spare >= 0) this.#spares.splice(spare, 1);
    if (!slab.slots.includes(OUT)) this.#drop(slab);
  }
}

function checkCount(name: string, value: number, max: number): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
    throw programmerError("ERR_OUT_OF_RANGE", `BufferPool: ${name} must be an integer from 1 to ${max}; received ${describeValue(value)}`);
  }
}

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
