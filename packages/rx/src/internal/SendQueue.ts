// The engine of the send operators: values wait in order, at most `maxInFlight` are posted at once,
// each on a pooled IRP slot (allocated as the in-flight count first reaches it, then reused), and
// each completion is emitted. A failed send is an error notification.
import {
  Fifo,
  IoAllocateIrp,
  IoAllocateMdl,
  IoCancelIrp,
  IoFreeIrp,
  IoReuseIrp,
  IoSetCompletionRoutine,
  NT_SUCCESS,
  programmerError,
  STATUS_INVALID_HANDLE,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_SUCCESS,
  WskError,
  type IRP,
  type NTSTATUS,
  type WskBuf,
} from "@wskit/core";
import { Observable, type OperatorFunction, type Subscriber } from "rxjs";
import type { SendCompletion } from "../SendCompletion";

export class SendSlot<T> {
  readonly irp: IRP = IoAllocateIrp(1);
  readonly buffer: WskBuf = { Mdl: null, Offset: 0, Length: 0 };
  value: T | null = null;
  posted = false;
  // The MDL is kept for the next send of the same array (a caller that reuses its buffers).
  memory: Uint8Array | null = null;

  constructor(readonly queue: SendQueue<T>) {}
}

/** How an operator posts one value: the faithful call on the slot's buffer and IRP. */
export type PostSend<T> = (slot: SendSlot<T>, value: T) => NTSTATUS;

export class SendQueue<T> {
  readonly waiting = new Fifo<T>();
  readonly slots: Array<SendSlot<T>> = [];
  readonly free: Array<SendSlot<T>> = [];
  inFlight = 0;
  sourceDone = false;
  stopped = false;

  constructor(
    readonly subscriber: Subscriber<SendCompletion<T>>,
    readonly maxInFlight: number,
    readonly post: PostSend<T>,
    readonly bytesOf: (value: T) => Uint8Array,
  ) {}

  push(value: T): void {
    // A value with no bytes to send ends the operator with a typed error (a throw here would reach
    // RxJS, which rethrows it as uncaught).
    let bytes: unknown;
    try {
      bytes = this.bytesOf(value);
    } catch {
      bytes = undefined;
    }
    if (!(bytes instanceof Uint8Array)) {
      this.subscriber.error(programmerError("ERR_INVALID_ARG_TYPE", "a send operator's source emitted a value with no bytes to send (a Uint8Array, or { bytes, remote })"));
      return;
    }
    if (this.inFlight < this.maxInFlight && this.waiting.size === 0) this.send(value);
    else this.waiting.push(value);
  }

  end(): void {
    this.sourceDone = true;
    this.finishIfDone();
  }

  send(value: T): void {
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = new SendSlot(this);
      this.slots.push(slot);
    }
    const bytes = this.bytesOf(value);
    if (slot.memory !== bytes) {
      slot.memory = bytes;
      slot.buffer.Mdl = bytes.byteLength === 0 ? null : IoAllocateMdl(bytes);
    }
    slot.buffer.Length = bytes.byteLength;
    slot.value = value;
    slot.posted = true;
    this.inFlight++;
    IoReuseIrp(slot.irp, STATUS_SUCCESS);
    IoSetCompletionRoutine(slot.irp, onSendComplete, slot, true, true, true);
    // A closed socket leaves the IRP untouched: that send completes here, with the status.
    if (this.post(slot, value) === STATUS_INVALID_HANDLE) {
      slot.irp.IoStatus.Status = STATUS_INVALID_HANDLE;
      slot.irp.IoStatus.Information = 0;
      this.completed(slot);
    }
  }

  completed(slot: SendSlot<T>): void {
    slot.posted = false;
    this.inFlight--;
    if (this.stopped) {
      IoFreeIrp(slot.irp);
      return;
    }
    const value = slot.value as T;
    slot.value = null;
    this.free.push(slot);
    const { Status, Information } = slot.irp.IoStatus;
    if (!NT_SUCCESS(Status)) {
      this.subscriber.error(new WskError(Status, { message: "a send of the operator failed" }));
      return;
    }
    this.subscriber.next({ value, status: Status, bytes: Information as number });
    while (!this.stopped && this.inFlight < this.maxInFlight && this.waiting.size > 0) this.send(this.waiting.shift() as T);
    this.finishIfDone();
  }

  finishIfDone(): void {
    if (this.sourceDone && this.inFlight === 0 && this.waiting.size === 0) this.subscriber.complete();
  }

  /** Teardown: posted sends are cancelled (and their IRPs freed as they complete), the rest freed now. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.waiting.drain(() => {});
    for (const slot of this.slots) {
      if (slot.posted) IoCancelIrp(slot.irp);
      else IoFreeIrp(slot.irp);
    }
  }
}

function onSendComplete(_device: unknown, _irp: IRP, slot: unknown): NTSTATUS {
  const sendSlot = slot as SendSlot<unknown>;
  sendSlot.queue.completed(sendSlot);
  return STATUS_MORE_PROCESSING_REQUIRED;
}

/** The operator both send operators are: each value of the source through a SendQueue. */
export function sendingOperator<T>(maxInFlight: number, post: PostSend<T>, bytesOf: (value: T) => Uint8Array): OperatorFunction<T, SendCompletion<T>> {
  return (source) =>
    new Observable<SendCompletion<T>>((subscriber) => {
      const queue = new SendQueue<T>(subscriber, maxInFlight, post, bytesOf);
      const upstream = source.subscribe({
        next: (value) => queue.push(value),
        error: (error) => subscriber.error(error),
        complete: () => queue.end(),
      });
      return () => {
        upstream.unsubscribe();
        queue.stop();
      };
    });
}
