// A datagram held by the socket: in the queue, in a list indicated to the client, or retained by it.
// One record is made per pool buffer, once, and reused with it. What the client sees of it is a
// WskDatagramIndication (the record's own `view`, or a list's fresh head), whose fields the client
// may change; the record keeps the truth (length, sender, link to the next of its list) apart.
import { IoAllocateMdl, SockAddr, type BufferPool, type MDL } from "@wskit/core";
import { WskDatagramIndication } from "../wsk/WskDatagramIndication";
import { MAX_CONTROL_BYTES } from "./controlInfo";

export class DatagramRecord {
  /** The pool buffer that holds the bytes. */
  readonly memory: Uint8Array;
  /** The pool it goes back to (null: a datagram larger than every pool class, with its own buffer). */
  readonly pool: BufferPool | null;
  /** The one MDL over `memory`, shown to the client as `Buffer.Mdl`. */
  readonly mdl: MDL;
  /** The sender. */
  readonly remote: SockAddr;
  /** Bytes of the datagram. */
  length = 0;
  /** The next record of the list it was indicated in (the client's `Next` links are not trusted). */
  link: DatagramRecord | null = null;
  /** Lent to the engine to receive into (a native slot), holding no datagram yet. */
  lent = false;
  /** In a native slot, with or without a datagram: freeing it puts it back there (lent again). */
  inSlot = false;
  /** Control information (WSACMSGHDR records), made when a datagram first brings some. */
  control: Uint8Array | null = null;
  /** Bytes of `control` that belong to this datagram. */
  controlLength = 0;
  #view: WskDatagramIndication | null = null;
  // The first `length` bytes of `memory` as their own view, kept while datagrams keep that length:
  // a receive fills an IRP from it with one copy and no view made per datagram.
  #exact: Uint8Array | null = null;
  // The sender as the client sees it (one object, reused): the head or the pooled view show it.
  #shownRemote: SockAddr | null = null;

  constructor(memory: Uint8Array, pool: BufferPool | null) {
    this.memory = memory;
    this.pool = pool;
    this.mdl = IoAllocateMdl(memory);
    this.remote = new SockAddr();
  }

  /** `memory`'s first `length` bytes; the same view as last time when the length is the same. */
  exactView(length: number): Uint8Array {
    const exact = this.#exact;
    if (exact !== null && exact.byteLength === length) return exact;
    return (this.#exact = this.memory.subarray(0, length));
  }

  /** The record as the client sees it in the middle of a list, set afresh from the record. */
  view(): WskDatagramIndication {
    const view = (this.#view ??= new WskDatagramIndication(this, { Mdl: this.mdl, Offset: 0, Length: 0 }, this.#remoteShown()));
    return fill(view, this);
  }

  /**
   * A new indication for the head of a list: a list's handle (what WskRelease takes) is never one
   * that pool reuse can hand out again, so a stale, double or foreign release cannot free another list.
   */
  head(): WskDatagramIndication {
    return fill(new WskDatagramIndication(this, { Mdl: this.mdl, Offset: 0, Length: 0 }, this.#remoteShown()), this);
  }

  /** Keeps a copy of the datagram's control information (none: length 0). */
  setControl(source: Uint8Array | null, offset: number, length: number): void {
    this.controlLength = 0;
    if (source === null || length === 0) return;
    const control = (this.control ??= new Uint8Array(MAX_CONTROL_BYTES));
    const kept = Math.min(length, control.byteLength);
    control.set(source.subarray(offset, offset + kept), 0);
    this.controlLength = kept;
  }

  #remoteShown(): SockAddr {
    return (this.#shownRemote ??= new SockAddr());
  }
}

function fill(view: WskDatagramIndication, record: DatagramRecord): WskDatagramIndication {
  const buffer = view.Buffer;
  buffer.Mdl = record.mdl;
  buffer.Offset = 0;
  buffer.Length = record.length;
  record.mdl.Next = null;
  view.RemoteAddress.copyFrom(record.remote);
  view.Next = null;
  view.ControlInfoLength = record.controlLength;
  view.ControlInfo = record.controlLength > 0 ? record.control : null;
  return view;
}
