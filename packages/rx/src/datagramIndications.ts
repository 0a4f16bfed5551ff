import { Observable, type Subscriber } from "rxjs";
import {
  setSocketClient,
  SO_WSK_EVENT_CALLBACK,
  socketClientDispatch,
  SOL_SOCKET,
  STATUS_FILE_FORCED_CLOSED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  watchSocketClose,
  WSK_EVENT_DISABLE,
  WSK_EVENT_RECEIVE_FROM,
  WskError,
  WskSetOption,
  type NTSTATUS,
  type SockAddr,
  type WSK_PROVIDER_BASIC_DISPATCH,
  type WskBuf,
  type WskSocketObject,
} from "@wskit/core";
import type { DatagramIndication } from "./DatagramIndication";
import { checkCount } from "./internal/checkOption";
import { keepIfRetained, Retention, type Lease } from "./internal/lease";
import { LeasedDatagram } from "./internal/LeasedDatagram";

/** One entry of a WSK_DATAGRAM_INDICATION list, as @wskit/dgram indicates it (structurally). */
interface DatagramListEntry {
  Next: DatagramListEntry | null;
  Buffer: WskBuf;
  RemoteAddress: SockAddr;
}

/** A datagram socket, as this adapter needs it: any socket whose dispatch has WskRelease. */
export interface DatagramIndicationSource extends WskSocketObject {
  readonly Dispatch: WSK_PROVIDER_BASIC_DISPATCH & {
    /** Gives back a list the callback kept with STATUS_PENDING. */
    WskRelease(socket: never, list: never): NTSTATUS;
  };
}

/** Counters {@link datagramIndications} keeps up to date. */
export interface DatagramIndicationCounters {
  /** Datagrams emitted to the subscriber. */
  emitted: number;
  /** Datagrams dropped because `maxRetained` indications were retained already. */
  dropped: number;
}

/** Options of {@link datagramIndications}. */
export interface DatagramIndicationsOptions {
  /** Indications retained at once at most; past it, datagrams are dropped and counted. Default 1024. */
  maxRetained?: number;
  /** Counters the adapter keeps up to date (shared by every subscription that is given them). */
  counters?: DatagramIndicationCounters;
}

// One indicated list: given back with WskRelease once every retained datagram of it is released.
class ListLease implements Lease {
  outstanding = 0;
  kept = false;
  constructor(
    readonly head: DatagramListEntry,
    readonly owner: DatagramSubscription,
  ) {}
  give(): void {
    this.owner.giveBack(this);
  }
}

// One subscription: the event callback it installs, what its subscriber holds, and its teardown.
class DatagramSubscription {
  readonly retention = new Retention();
  readonly kept = new Set<ListLease>();
  readonly previous: { context: unknown; dispatch: object | null };
  unwatchClose: () => void = () => {};

  constructor(
    readonly socket: DatagramIndicationSource,
    readonly subscriber: Subscriber<DatagramIndication>,
    readonly maxRetained: number,
    readonly counters: DatagramIndicationCounters,
  ) {
    this.previous = { context: socket.SocketContext, dispatch: socketClientDispatch(socket) };
  }

  start(): void {
    const { socket, subscriber } = this;
    setSocketClient(socket, this.previous.context, { ...(this.previous.dispatch ?? {}), WskReceiveFromEvent: this.WskReceiveFromEvent });
    // The socket closing ends the stream; what the subscriber holds goes back before the close checks.
    this.unwatchClose = watchSocketClose(socket, () => subscriber.complete());
    const enabled = socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);
    if (enabled !== STATUS_SUCCESS) subscriber.error(new WskError(enabled, { message: "enabling WskReceiveFromEvent failed" }));
  }

  readonly WskReceiveFromEvent = (_context: unknown, _flags: number, head: DatagramListEntry | null): NTSTATUS => {
    const { subscriber, retention, counters } = this;
    if (head === null) {
      subscriber.error(new WskError(STATUS_FILE_FORCED_CLOSED, { message: "the datagram socket no longer works" }));
      return STATUS_SUCCESS;
    }
    const lease = new ListLease(head, this);
    for (let entry: DatagramListEntry | null = head; entry !== null; entry = entry.Next) {
      if (subscriber.closed) break;
      if (retention.count >= this.maxRetained) {
        counters.dropped++;
        continue;
      }
      const { Mdl, Offset, Length } = entry.Buffer;
      const value = new LeasedDatagram(Mdl?.MappedSystemVa ?? EMPTY, Offset, Length, entry.RemoteAddress, lease, retention);
      counters.emitted++;
      subscriber.next(value);
      value.expire();
    }
    if (!keepIfRetained(lease)) return STATUS_SUCCESS;
    this.kept.add(lease);
    return STATUS_PENDING;
  };

  giveBack(lease: ListLease): void {
    this.kept.delete(lease);
    this.socket.Dispatch.WskRelease(this.socket as never, lease.head as never);
  }

  teardown(): void {
    const { socket } = this;
    this.unwatchClose();
    socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM | WSK_EVENT_DISABLE }, 0, null, null, null);
    this.retention.revokeAll();
    for (const lease of [...this.kept]) this.giveBack(lease);
    setSocketClient(socket, this.previous.context, this.previous.dispatch);
  }
}

const EMPTY = new Uint8Array(0);

/**
 * The datagrams of a socket as an Observable of indications, over WskReceiveFromEvent. Subscribing
 * installs the event callback and enables it; unsubscribing disables it and gives back everything
 * still retained. A dead socket (a null list) is an error notification (STATUS_FILE_FORCED_CLOSED);
 * WskCloseSocket completes the Observable.
 *
 * Ownership follows Netty's rule: an indication's bytes are valid until the synchronous `next`
 * returns; `retain()` during `next` keeps them (the callback returns STATUS_PENDING) until
 * `release()`, and the list goes back with WskRelease once all its retained datagrams are released.
 * Past `maxRetained` retained at once, datagrams are dropped and counted.
 */
export function datagramIndications(socket: DatagramIndicationSource, options: DatagramIndicationsOptions = {}): Observable<DatagramIndication> {
  const maxRetained = checkCount("datagramIndications", "maxRetained", options.maxRetained ?? 1024);
  const counters = options.counters ?? { emitted: 0, dropped: 0 };
  return new Observable<DatagramIndication>((subscriber) => {
    const subscription = new DatagramSubscription(socket, subscriber, maxRetained, counters);
    subscription.start();
    return () => subscription.teardown();
  });
}
