// A datagram held by the socket: in the queue, in a list indicated to the client, or retained by it.
// One record is made per pool buffer, once, and reused with it. What the client sees of it is a
// WskDatagramIndication (the record's own `view`, or a list's fresh head), whose fields the client
// may change; the record keeps the truth (length, sender, link to the next of its list) apart. The
// objects shown are reused while the client leaves them writable; one it froze or redefined is
// replaced by fresh ones, never written through (that would throw inside the provider).
import { IoAllocateMdl, SockAddr, type BufferPool, type MDL, type WskBuf } from "@wskit/core";
import { WskDatagramIndication } from "../wsk/WskDatagramIndication";
import { MAX_CONTROL_BYTES } from "./controlInfo";

export class DatagramRecord {
  /** The pool buffer that holds the bytes. */
  readonly memory: Uint8Array;
  /** The pool it goes back to (null: a datagram larger than every pool class, with its own buffer). */
  readonly pool: BufferPool | null;
  /** The MDL over `memory`, shown to the client as `Buffer.Mdl` (made again if the client locked it). */
  mdl: MDL;
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
  #viewBuffer: WskBuf | null = null;
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
    const view = this.#view;
    // Written through only while it still holds the objects it was made with.
    if (view !== null && view.Buffer === this.#viewBuffer && view.RemoteAddress === this.#shownRemote) {
      try {
        return fill(view, this);
      } catch {
        this.#renew(); // (what fill wrote went to the old view, which is dropped)
      }
    }
    try {
      return this.#freshView();
    } catch {
      this.#renew();
      return this.#freshView();
    }
  }

  /**
   * A new indication for the head of a list: a list's handle (what WskRelease takes) is never one
   * that pool reuse can hand out again, so a stale, double or foreign release cannot free another list.
   */
  head(): WskDatagramIndication {
    try {
      return fill(this.#newIndication(), this);
    } catch {
      this.#renew();
      return fill(this.#newIndication(), this);
    }
  }

  /** Keeps a copy of the datagram's control information (none: length 0). */
  setControl(source: Uint8Array | null, offset: number, length: number): void {
    this.controlLength = 0;
    if (source === null || length === 0) return;
    // (Made again if the client, which is shown it, transferred its memory away.)
    let control = this.control;
    if (control === null || control.byteLength === 0) control = this.control = new Uint8Array(MAX_CONTROL_BYTES);
    const kept = Math.min(length, control.byteLength);
    control.set(source.subarray(offset, offset + kept), 0);
    this.controlLength = kept;
  }

  #remoteShown(): SockAddr {
    return (this.#shownRemote ??= new SockAddr());
  }

  #freshView(): WskDatagramIndication {
    const view = (this.#view = this.#newIndication());
    this.#viewBuffer = view.Buffer;
    return fill(view, this);
  }

  #newIndication(): WskDatagramIndication {
    return new WskDatagramIndication(this, { Mdl: this.mdl, Offset: 0, Length: 0 }, this.#remoteShown());
  }

  // The client froze, sealed, redefined or replaced an object it was shown (the view, its Buffer,
  // MDL or RemoteAddress): it is shown objects it has never seen from now on.
  #renew(): void {
    this.mdl = IoAllocateMdl(this.memory);
    this.#shownRemote = null;
    this.#view = null;
    this.#viewBuffer = null;
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
