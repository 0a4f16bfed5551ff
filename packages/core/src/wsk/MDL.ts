/**
 * A memory descriptor list entry: `ByteCount` bytes of caller memory, seen through
 * `MappedSystemVa` (a view made once, when the MDL is allocated), linked to the next by `Next`.
 * Allocate one with {@link IoAllocateMdl}.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/kernel/using-mdls
 */
export class MDL {
  /** The next MDL of the chain, or null. */
  Next: MDL | null = null;
  /** The bytes this MDL describes. */
  readonly MappedSystemVa: Uint8Array;
  /** How many bytes: `MappedSystemVa.byteLength`. */
  readonly ByteCount: number;

  /** @internal Use {@link IoAllocateMdl}. */
  constructor(view: Uint8Array) {
    this.MappedSystemVa = view;
    this.ByteCount = view.byteLength;
  }
}

/** The MDL type under its header name (`PMDL`). */
export type PMDL = MDL;
