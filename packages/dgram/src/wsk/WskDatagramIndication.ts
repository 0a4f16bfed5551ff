import type { SockAddr, WskBuf } from "@wskit/core";
import { readBrand } from "@wskit/core/provider";
import type { DatagramRecord } from "../internal/DatagramRecord";

const kRecord = Symbol("DatagramRecord");

/**
 * `WSK_DATAGRAM_INDICATION`: one datagram of a list passed to WskReceiveFromEvent, linked to the
 * next by `Next`. `Buffer` describes the datagram's bytes (in a pool buffer); `RemoteAddress` says
 * who sent it. Valid until the callback returns, or, if it returned STATUS_PENDING, until WskRelease.
 * Pass the head of the list to WskRelease: each list's head is a new object, so a stale head can
 * never stand for a later list.
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
  /**
   * Bytes of `ControlInfo`: the control information the socket asked for (IP_PKTINFO,
   * IP_RECVTTL, IP_RECVTOS and their IPv6 forms, native engine only); 0 when none.
   */
  ControlInfoLength = 0;
  /** The control information as Windows x64 WSACMSGHDR records (first `ControlInfoLength` bytes), or null. */
  ControlInfo: Uint8Array | null = null;
  /** @internal */
  readonly [kRecord]: DatagramRecord;

  /** @internal Made by the socket's receive path. */
  constructor(record: DatagramRecord, buffer: WskBuf, remote: SockAddr) {
    this[kRecord] = record;
    this.Buffer = buffer;
    this.RemoteAddress = remote;
  }

  /** The datagram's bytes, as a view (a convenience for `Buffer.Mdl.MappedSystemVa`). */
  get bytes(): Uint8Array {
    const record = this[kRecord];
    return record.memory.subarray(0, record.length);
  }
}

/** @internal The record behind an indication, or undefined for anything that is not one. */
export function recordOf(value: unknown): DatagramRecord | undefined {
  // By its brand, not instanceof (which runs a Proxy's getPrototypeOf trap, and misses an
  // indication whose prototype the client replaced); WskRelease still checks the list's identity.
  return readBrand<DatagramRecord>(value, kRecord);
}

/** `PWSK_DATAGRAM_INDICATION`, as the pages write it. */
export type PWSK_DATAGRAM_INDICATION = WskDatagramIndication;
/** {@link WskDatagramIndication} under its header name. */
export type WSK_DATAGRAM_INDICATION = WskDatagramIndication;
