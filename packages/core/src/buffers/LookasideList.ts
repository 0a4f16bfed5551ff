import { programmerError } from "../errors";
import type { PoolStats } from "./BufferPool";
import { describeValue } from "../describeValue";

const kOwner = Symbol.for("@wskit/core.LookasideList.owner");
const kFree = Symbol.for("@wskit/core.LookasideList.free");

type Entry = { [kOwner]?: LookasideList<object>; [kFree]?: boolean };

/** How a {@link LookasideList} makes, resets and bounds its entries. */
export interface LookasideListOptions<T extends object> {
  /** Makes a new entry when the list is empty. */
  allocate: () => T;
  /** Readies a freed entry for its next user (IoReuseIrp for IRPs); may throw for an entry that is still in use. */
  reset?: (entry: T) => void;
  /** Disposes of a free entry the list drops: past `depth`, and at {@link LookasideList.clear} (IoFreeIrp for IRPs). */
  release?: (entry: T) => void;
  /** How many free entries the list keeps; entries freed past it are released. */
  depth: number;
}

/**
 * A lookaside list of reusable objects, `ExInitializeLookasideListEx`-style: `allocate` pops a free
 * entry or makes one, `free` resets it and keeps up to `depth` of them. A receive loop that frees
 * each IRP it is done with allocates nothing once the list is warm.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-exallocatefromlookasidelistex
 */
export class LookasideList<T extends object> implements PoolStats {
  /** How many free entries the list keeps. */
  readonly depth: number;
  #options: LookasideListOptions<T>;
  #entries: T[] = [];
  #outstanding = 0;
  #allocations = 0;
  #misses = 0;

  /** @throws ERR_INVALID_ARG_TYPE for options without an allocate function; ERR_OUT_OF_RANGE for a depth that is not a positive integer. */
  constructor(options: LookasideListOptions<T>) {
    if (typeof options !== "object" || options === null || typeof options.allocate !== "function") {
      throw programmerError("ERR_INVALID_ARG_TYPE", "LookasideList: options must be { allocate, depth, reset?, release? } with allocate a function");
    }
    if (!Number.isInteger(options.depth) || options.depth < 1) {
      throw programmerError("ERR_OUT_OF_RANGE", `LookasideList: depth must be a positive integer; received ${describeValue(options.depth)}`);
    }
    this.depth = options.depth;
    this.#options = options;
  }

  /** A free entry, or a new one when none is free (a miss). */
  allocate(): T {
    this.#allocations++;
    this.#outstanding++;
    const entry = this.#entries.pop();
    if (entry !== undefined) {
      (entry as Entry)[kFree] = false;
      return entry;
    }
    this.#misses++;
    const created = this.#options.allocate();
    (created as Entry)[kOwner] = this as unknown as LookasideList<object>;
    (created as Entry)[kFree] = false;
    return created;
  }

  /**
   * Gives an entry back: reset, then kept for the next `allocate` while fewer than `depth` are free.
   * @throws ERR_POOL_FOREIGN_ENTRY for an entry another list made; ERR_POOL_DOUBLE_FREE for one freed already.
   */
  free(entry: T): void {
    const tagged = entry as Entry;
    if (tagged[kOwner] !== (this as unknown as LookasideList<object>)) {
      throw programmerError("ERR_POOL_FOREIGN_ENTRY", "LookasideList.free: the entry does not come from this list");
    }
    if (tagged[kFree] === true) throw programmerError("ERR_POOL_DOUBLE_FREE", "LookasideList.free: the entry was freed already");
    this.#options.reset?.(entry);
    tagged[kFree] = true;
    this.#outstanding--;
    if (this.#entries.length < this.depth) this.#entries.push(entry);
    else this.#options.release?.(entry);
  }

  /** Releases every free entry (`ExDeleteLookasideListEx`); entries still out are the caller's to free. */
  clear(): void {
    for (const entry of this.#entries.splice(0)) this.#options.release?.(entry);
  }

  get capacity(): number {
    return this.depth;
  }

  get available(): number {
    return this.#entries.length;
  }

  get outstanding(): number {
    return this.#outstanding;
  }

  get allocations(): number {
    return this.#allocations;
  }

  /** Allocations that found the list empty and made a new entry. */
  get misses(): number {
    return this.#misses;
  }
}
