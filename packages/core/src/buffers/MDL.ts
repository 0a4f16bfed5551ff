import { isUint8Array } from "node:util/types";

const kMdl = Symbol.for("@wskit/core.MDL");

/**
 * A memory descriptor list entry: `ByteCount` bytes of caller memory, seen through
 * `MappedSystemVa` (a view made once, when the MDL is allocated), linked to the next by `Next`.
 * Allocate one with {@link IoAllocateMdl}.
 *
 * `MappedSystemVa` and `ByteCount` are fixed for the MDL's life (read-only, non-configurable), as
 * the memory an MDL describes is fixed in the kernel; only `Next` is the caller's to set. Every
 * call checks that an MDL is one of these (a `Symbol.for` brand, so ESM and CJS copies agree) over
 * memory still of its length (not detached).
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/kernel/using-mdls
 */
export class MDL {
  /** The next MDL of the chain, or null. */
  Next: MDL | null = null;
  /** The bytes this MDL describes. */
  declare readonly MappedSystemVa: Uint8Array;
  /** How many bytes: `MappedSystemVa.byteLength` when the MDL was made. */
  declare readonly ByteCount: number;

  /** @internal Use {@link IoAllocateMdl}. */
  constructor(view: Uint8Array) {
    Object.defineProperty(this, "MappedSystemVa", { value: view, enumerable: true });
    Object.defineProperty(this, "ByteCount", { value: view.byteLength, enumerable: true });
    Object.defineProperty(this, kMdl, { value: true });
  }

  /**
   * True for an MDL made by IoAllocateMdl or createWskBuf of any copy of @wskit/core whose memory is
   * still live and of the length it was made with (a detached or shrunk buffer fails).
   */
  static is(value: unknown): value is MDL {
    if (typeof value !== "object" || value === null) return false;
    try {
      if (!Object.prototype.hasOwnProperty.call(value, kMdl)) return false;
      const { MappedSystemVa: view, ByteCount: count } = value as MDL;
      return isUint8Array(view) && view.byteLength === count;
    } catch {
      return false; // a Proxy's trap or an accessor threw: not an MDL
    }
  }
}

/** The MDL type under its header name (`PMDL`). */
export type PMDL = MDL;
