import { Observable, type Subscriber } from "rxjs";
import {
  checkOptions,
  IoAllocateIrp,
  IoCancelIrp,
  IoFreeIrp,
  IoReuseIrp,
  IoSetCompletionRoutine,
  STATUS_CONNECTION_RESET,
  STATUS_DATA_NOT_ACCEPTED,
  STATUS_FILE_FORCED_CLOSED,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_SUCCESS,
  WSK_EVENT_DISCONNECT,
  WSK_EVENT_RECEIVE,
  WSK_FLAG_ABORTIVE,
  WskError,
  type IRP,
  type NTSTATUS,
  type Ref,
  type WskBuf,
} from "@wskit/core";
import type { Indication } from "./Indication";
import { checkCount, checkSocket } from "./internal/checkOption";
import { EventClient, ListLease } from "./internal/EventClient";
import { LeasedIndication } from "./internal/lease";
import { ReceiveLoop } from "./internal/ReceiveLoop";
import type { ReceiveSource } from "./wskReceive";

/** One entry of a WSK_DATA_INDICATION list, as @wskit/stream indicates it (structurally). */
interface DataListEntry {
  Next: DataListEntry | null;
  Buffer: WskBuf;
}

/** A connection socket, as this adapter needs it: WskReceive (to resume and drain) and WskRelease. */
export interface ConnectionIndicationSource extends ReceiveSource {
  readonly Dispatch: ReceiveSource["Dispatch"] & {
    /** Gives back a list the callback kept with STATUS_PENDING. */
    WskRelease(socket: never, list: never): NTSTATUS;
  };
}

/** Options of {@link connectionIndications}. */
export interface ConnectionIndicationsOptions {
  /**
   * Indications retained at once at most. Past it the event callback returns
   * STATUS_DATA_NOT_ACCEPTED: the data stays in the socket and TCP pushes the sender back, until
   * releases bring the count under the bound. Default 64.
   */
  maxRetained?: number;
}

const EMPTY = new Uint8Array(0);
// A zero-length WskReceive re-arms WskReceiveEvent without consuming a byte (the page's rule).
const RESUME_BUFFER: WskBuf = { Mdl: null, Offset: 0, Length: 0 };

class ConnectionSubscription {
  readonly client: EventClient;
  readonly resumeIrp: IRP = IoAllocateIrp(1);
  // After the peer's FIN, what the socket still buffers comes through WskReceive IRPs, which end
  // with the 0-byte receive that proves nothing is left (the disconnect event may come first).
  readonly drain: ReceiveLoop;
  suppressed = false;
  resumePosted = false;
  stopped = false;

  constructor(
    readonly socket: ConnectionIndicationSource,
    readonly subscriber: Subscriber<Indication>,
    readonly maxRetained: number,
  ) {
    this.client = new EventClient(socket, subscriber);
    const retention = this.client.retention;
    retention.onRelease = () => {
      this.resume();
      this.drain.completeIfReleased();
    };
    this.drain = new ReceiveLoop(
      subscriber,
      (slot) => socket.Dispatch.WskReceive(socket as never, slot.buffer, 0, slot.irp),
      { depth: 1, bufferSize: 65_536, datagrams: false, endOnEmpty: true },
      retention,
    );
  }

  readonly WskReceiveEvent = (_context: unknown, _flags: number, head: DataListEntry | null, _indicated: number, _accepted: Ref<number>): NTSTATUS => {
    const { subscriber, client } = this;
    const retention = client.retention;
    if (head === null) {
      subscriber.error(new WskError(STATUS_FILE_FORCED_CLOSED, { message: "the connection no longer works" }));
      return STATUS_SUCCESS;
    }
    // Lossless bound: the whole list stays with the provider until releases make room.
    if (retention.count >= this.maxRetained) {
      this.suppressed = true;
      return STATUS_DATA_NOT_ACCEPTED;
    }
    const lease = new ListLease(head, client);
    for (let entry: DataListEntry | null = head; entry !== null; entry = entry.Next) {
      const { Mdl, Offset, Length } = entry.Buffer;
      const value = new LeasedIndication(Mdl?.MappedSystemVa ?? EMPTY, Offset, Length, lease, retention);
      subscriber.next(value);
      value.expire();
      // An unsubscribe from inside next() released what was retained: what is left goes back too.
      if (subscriber.closed) break;
    }
    return client.settle(lease);
  };

  readonly WskDisconnectEvent = (_context: unknown, flags: number): NTSTATUS => {
    if ((flags & WSK_FLAG_ABORTIVE) !== 0) {
      this.subscriber.error(new WskError(STATUS_CONNECTION_RESET, { message: "the peer reset the connection" }));
    } else {
      this.drain.start();
    }
    return STATUS_SUCCESS;
  };

  /** A release made room under the bound: a refused indication may come again. */
  resume(): void {
    if (this.stopped || !this.suppressed || this.resumePosted || this.client.retention.count >= this.maxRetained) return;
    this.suppressed = false;
    this.resumePosted = true;
    IoReuseIrp(this.resumeIrp, STATUS_SUCCESS);
    IoSetCompletionRoutine(this.resumeIrp, onResumeComplete, this, true, true, true);
    this.socket.Dispatch.WskReceive(this.socket as never, RESUME_BUFFER, 0, this.resumeIrp);
  }

  resumed(): void {
    this.resumePosted = false;
    if (this.stopped) IoFreeIrp(this.resumeIrp);
  }

  teardown(): void {
    this.stopped = true;
    this.drain.stop();
    this.client.uninstall();
    if (this.resumePosted) IoCancelIrp(this.resumeIrp);
    else IoFreeIrp(this.resumeIrp);
  }
}

function onResumeComplete(_device: unknown, _irp: IRP, subscription: unknown): NTSTATUS {
  (subscription as ConnectionSubscription).resumed();
  return STATUS_MORE_PROCESSING_REQUIRED;
}

/**
 * The bytes of a connection as an Observable of indications, over WskReceiveEvent. Subscribing
 * installs WskReceiveEvent and WskDisconnectEvent and enables them; unsubscribing disables them and
 * gives back everything still retained. The peer's graceful close completes the Observable once
 * every byte before it was emitted and every retained indication released (completion releases
 * what is held, so it waits: a slow consumer loses nothing at the end); a reset
 * (STATUS_CONNECTION_RESET) or a dead socket
 * (STATUS_FILE_FORCED_CLOSED) is an error notification; WskCloseSocket completes it.
 *
 * Ownership is {@link datagramIndications}' rule. The bound is lossless: with `maxRetained`
 * retained (checked as each list arrives), the callback returns STATUS_DATA_NOT_ACCEPTED, so the data stays in the socket and TCP
 * pushes the sender back; when releases bring the count under the bound a zero-length WskReceive
 * re-arms the event and the data comes, in order, with nothing lost.
 *
 * One subscription per socket at a time: a second one while one is active is refused with an
 * error notification, IndicationError ERR_SOCKET_ALREADY_OBSERVED; `share()` the Observable to
 * hand the bytes to several subscribers.
 */
export function connectionIndications(socket: ConnectionIndicationSource, options: ConnectionIndicationsOptions = {}): Observable<Indication> {
  checkOptions("connectionIndications", options);
  checkSocket("connectionIndications", socket, "WskReceive");
  const maxRetained = checkCount("connectionIndications", "maxRetained", options.maxRetained ?? 64);
  return new Observable<Indication>((subscriber) => {
    const subscription = new ConnectionSubscription(socket, subscriber, maxRetained);
    subscription.client.install(
      { WskReceiveEvent: subscription.WskReceiveEvent, WskDisconnectEvent: subscription.WskDisconnectEvent },
      [WSK_EVENT_RECEIVE, WSK_EVENT_DISCONNECT],
    );
    return () => subscription.teardown();
  });
}
