import type { WskBuf } from "@wskit/core";

/**
 * `WSK_DATA_INDICATION`: one piece of received data in a list passed to WskReceiveEvent, linked to
 * the next by `Next`. Valid until the callback returns, or, if it returned STATUS_PENDING, until
 * WskRelease.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_data_indication
 */
export class WskDataIndication {
  /** The next piece of the list, or null. */
  Next: WskDataIndication | null = null;
  /** The bytes: `Buffer.Length` of them, `Buffer.Offset` into `Buffer.Mdl`. */
  readonly Buffer: WskBuf;
  /** @internal The pool chunk behind the bytes, given back at release. */
  readonly chunk: Uint8Array;

  /** @internal */
  constructor(buffer: WskBuf, chunk: Uint8Array) {
    this.Buffer = buffer;
    this.chunk = chunk;
  }

  /** The bytes as a view (a convenience for the MDL region). */
  get bytes(): Uint8Array {
    const { Mdl, Offset, Length } = this.Buffer;
    return (Mdl?.MappedSystemVa ?? new Uint8Array(0)).subarray(Offset, Offset + Length);
  }
}

/** {@link WskDataIndication} under its header names. */
export type WSK_DATA_INDICATION = WskDataIndication;
/** A pointer to a {@link WskDataIndication}, as the pages' prototypes write it. */
export type PWSK_DATA_INDICATION = WskDataIndication;
