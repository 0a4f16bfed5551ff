// A loop of reposted receive IRPs (WskReceiveFrom or WskReceive) behind an Observable. Each slot is
// one IRP and its buffer, allocated at subscribe and reused: a completion emits one indication over
// the slot's buffer and posts the slot again once the subscriber no longer holds it. A slot the
// subscriber retains stays out of the loop until released, so the retention bound is the depth.
import {
  AF_INET6,
  IoAllocateIrp,
  IoAllocateMdl,
  IoCancelIrp,
  IoFreeIrp,
  IoReuseIrp,
  IoSetCompletionRoutine,
  NT_SUCCESS,
  STATUS_BUFFER_OVERFLOW,
  STATUS_CANCELLED,
  STATUS_INVALID_HANDLE,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_SUCCESS,
  SockAddr,
  WskError,
  type IRP,
  type NTSTATUS,
  type WskBuf,
} from "@wskit/core";
import { isWritableObject } from "@wskit/core/provider";
import type { Subscriber } from "rxjs";
import { LeasedDatagram } from "./LeasedDatagram";
import { keepIfRetained, LeasedIndication, Retention, type Lease } from "./lease";

/** One receive IRP with its buffer. */
export class ReceiveSlot implements Lease {
  outstanding = 0;
  kept = false;
  posted = false;
  readonly irp: IRP = IoAllocateIrp(1);
  readonly memory: Uint8Array;
  readonly buffer: WskBuf;
  /** Filled by WskReceiveFrom (null for WskReceive); emitted as the datagram's `remote`. */
  remote: SockAddr | null;

  constructor(
    readonly loop: ReceiveLoop,
    size: number,
    remote: SockAddr | null,
  ) {
    this.memory = new Uint8Array(size);
    this.buffer = { Mdl: IoAllocateMdl(this.memory), Offset: 0, Length: size };
    this.remote = remote;
  }

  give(): void {
    this.loop.post(this);
  }

  /**
   * The SockAddr the next WskReceiveFrom fills: the slot's own, or a fresh one if the subscriber
   * froze the one it was shown (WskReceiveFrom would refuse it, and the loop would end).
   */
  remoteToFill(): SockAddr | null {
    const remote = this.remote;
    if (remote !== null && !isWritableObject(remote)) this.remote = remote.clone();
    return this.remote;
  }
}

/** How a loop posts a slot: the faithful call, returning its status. */
export type PostReceive = (slot: ReceiveSlot) => NTSTATUS;

export interface ReceiveLoopShape {
  depth: number;
  bufferSize: number;
  /** Datagram loops make a SockAddr per slot for WskReceiveFrom to fill, and emit datagrams. */
  datagrams: boolean;
  /** Stream loops end at a receive that completes with success and no bytes (the peer's FIN). */
  endOnEmpty: boolean;
}

export class ReceiveLoop {
  readonly slots: ReceiveSlot[] = [];
  /** What the subscriber holds of this loop's indications (and, for a drain, of the event path's). */
  readonly retention: Retention;
  stopped = false;
  /** The end of the stream was received; completion waits until nothing emitted is retained. */
  ending = false;
  #started = false;

  constructor(
    // Subscriber<Indication> or Subscriber<DatagramIndication>: the loop emits what it was made for.
    readonly subscriber: Subscriber<never>,
    readonly postReceive: PostReceive,
    readonly options: ReceiveLoopShape,
    /** Shared with the event path when the loop drains a connection after its FIN. */
    retention?: Retention,
  ) {
    this.retention = retention ?? new Retention();
    // A shared retention's owner calls completeIfReleased from its own onRelease.
    if (retention === undefined) this.retention.onRelease = () => this.completeIfReleased();
  }

  /** Allocates the slots (at the first call) and posts every free one. */
  start(): void {
    if (!this.#started) {
      this.#started = true;
      const { depth, bufferSize, datagrams } = this.options;
      for (let i = 0; i < depth; i++) this.slots.push(new ReceiveSlot(this, bufferSize, datagrams ? new SockAddr(AF_INET6) : null));
    }
    for (const slot of this.slots) if (!slot.posted && slot.outstanding === 0) this.post(slot);
  }

  post(slot: ReceiveSlot): void {
    // Unsubscribed from inside next(): stop() freed the slots that were not posted, this one too.
    if (this.stopped) return;
    if (this.ending) {
      this.retire(slot);
      return;
    }
    IoReuseIrp(slot.irp, STATUS_SUCCESS);
    IoSetCompletionRoutine(slot.irp, onReceiveComplete, slot, true, true, true);
    slot.posted = true;
    const status = this.postReceive(slot);
    // A closed socket leaves the IRP untouched (no completion comes): that ends the loop here.
    if (status === STATUS_INVALID_HANDLE) {
      slot.posted = false;
      this.finish(status);
    }
  }

  completed(slot: ReceiveSlot): void {
    slot.posted = false;
    if (this.stopped) {
      IoFreeIrp(slot.irp);
      return;
    }
    const Status = slot.irp.IoStatus.Status;
    const Information = slot.irp.IoStatus.Information as number;
    if (Status === STATUS_CANCELLED || (!NT_SUCCESS(Status) && Status !== STATUS_BUFFER_OVERFLOW)) {
      this.finish(Status);
      return;
    }
    if (this.options.endOnEmpty && Information === 0) {
      // Lossless end: what the subscriber still holds is read before completion releases anything.
      this.ending = true;
      this.retire(slot);
      this.completeIfReleased();
      return;
    }
    const value = slot.remote === null
      ? new LeasedIndication(slot.memory, 0, Information, slot, this.retention)
      : new LeasedDatagram(slot.memory, 0, Information, slot.remote, slot, this.retention);
    (this.subscriber as Subscriber<LeasedIndication>).next(value);
    value.expire();
    if (!keepIfRetained(slot)) this.post(slot);
  }

  /** A slot the loop will not post again: its IRP is freed now, and stop() no longer sees it. */
  retire(slot: ReceiveSlot): void {
    IoFreeIrp(slot.irp);
    this.slots.splice(this.slots.indexOf(slot), 1);
  }

  completeIfReleased(): void {
    if (this.ending && !this.stopped && this.retention.count === 0) this.subscriber.complete();
  }

  /**
   * The end: the socket closing (its IRPs come back cancelled, or are refused) completes the stream,
   * any other failure is an error notification.
   */
  finish(status: NTSTATUS): void {
    if (status === STATUS_SUCCESS || status === STATUS_CANCELLED || status === STATUS_INVALID_HANDLE) this.subscriber.complete();
    else this.subscriber.error(new WskError(status, { message: "a receive of the loop failed" }));
  }

  /** Teardown: pending IRPs are cancelled (and freed as they complete), the others freed now. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.retention.revokeAll();
    for (const slot of this.slots) {
      if (slot.posted) IoCancelIrp(slot.irp);
      else IoFreeIrp(slot.irp);
    }
  }
}

function onReceiveComplete(_device: unknown, _irp: IRP, slot: unknown): NTSTATUS {
  (slot as ReceiveSlot).loop.completed(slot as ReceiveSlot);
  return STATUS_MORE_PROCESSING_REQUIRED;
}
