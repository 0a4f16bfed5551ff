import type { MDL } from "./MDL";

/**
 * `WSK_BUF`: `Length` bytes of an MDL chain, starting `Offset` bytes into the first MDL. `Mdl` may
 * be null only when `Length` is 0. Build one with {@link createWskBuf}.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_buf
 */
export interface WskBuf {
  /** The first MDL of the chain that holds the bytes (null only with Length 0). */
  Mdl: MDL | null;
  /** Where the bytes start in the first MDL. */
  Offset: number;
  /** How many bytes, from Offset on, across the chain. */
  Length: number;
}

/** {@link WskBuf} under its header name. */
export type WSK_BUF = WskBuf;
/** A pointer to a {@link WskBuf}, as the pages' prototypes write it. */
export type PWSK_BUF = WskBuf;
