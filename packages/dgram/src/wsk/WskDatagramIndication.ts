import { IoAllocateMdl, SockAddr, type BufferPool, type WskBuf } from "@wskit/core";

/**
 * `WSK_DATAGRAM_INDICATION`: one datagram of a list passed to WskReceiveFromEvent, linked to the
 * next by `Next`. `Buffer` describes the datagram's bytes (in a pool buffer); `RemoteAddress` says
 * who sent it. Valid until the callback returns, or, if it returned STATUS_PENDING, until WskRelease.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_datagram_indication
 */
export class WskDatagramIndication {
  /** The next datagram of the list, or null. */
  Next: WskDatagramIndication | null = null;
  /** The datagram: `Buffer.Length` bytes from the start of `Buffer.Mdl`. */
  readonly Buffer: WskBuf;
  /** The sender. */
  readonly RemoteAddress: SockAddr;
  /** Control information is not available from node:dgram: always 0. */
  ControlInfoLength = 0;
  /** Control information is not available from node:dgram: always null. */
  ControlInfo: null = null;
  /** @internal The pool buffer behind `Buffer`, and the pool it goes back to (null: not pooled). */
  readonly memory: Uint8Array;
  /** @internal */
  readonly pool: BufferPool | null;

  /** @internal Made once per pool buffer and reused with it. */
  constructor(memory: Uint8Array, pool: BufferPool | null) {
    this.memory = memory;
    this.pool = pool;
    this.Buffer = { Mdl: IoAllocateMdl(memory), Offset: 0, Length: 0 };
    this.RemoteAddress = new SockAddr();
  }

  /** The datagram's bytes, as a view (a convenience for `Buffer.Mdl.MappedSystemVa`). */
  get bytes(): Uint8Array {
    return this.memory.subarray(0, this.Buffer.Length);
  }
}

/** `PWSK_DATAGRAM_INDICATION`, as the pages write it. */
export type PWSK_DATAGRAM_INDICATION = WskDatagramIndication;
/** {@link WskDatagramIndication} under its header name. */
export type WSK_DATAGRAM_INDICATION = WskDatagramIndication;
