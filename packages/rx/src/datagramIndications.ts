import { Observable } from "rxjs";
import {
  setSocketClient,
  SO_WSK_EVENT_CALLBACK,
  socketClientDispatch,
  SOL_SOCKET,
  STATUS_FILE_FORCED_CLOSED,
  STATUS_PENDING,
  STATUS_SUCCESS,
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
import { IndicationError } from "./errors";
import type { Indication } from "./Indication";

/** One entry of a WSK_DATAGRAM_INDICATION list, as @wskit/dgram indicates it (structurally). */
interface DatagramListEntry {
  Next: DatagramListEntry | null;
  Buffer: WskBuf;
  RemoteAddress: SockAddr;
}

/** A datagram socket, as this adapter needs it: any socket whose dispatch has WskRelease. */
export interface DatagramIndicationSource extends WskSocketObject {
  readonly Dispatch: WSK_PROVIDER_BASIC_DISPATCH & { WskRelease(socket: never, list: never): NTSTATUS };
}

/** One received datagram, emitted by {@link datagramIndications}. */
export interface DatagramIndication extends Indication {
  /** The sender (valid as long as the bytes are). */
  readonly remote: SockAddr;
}

/** Options of {@link datagramIndications}. */
export interface DatagramIndicationsOptions {
  /** Indications retained at once at most; past it, datagrams are dropped and counted. Default 1024. */
  maxRetained?: number;
  /** Counters the adapter keeps up to date: datagrams emitted, and dropped at the retention bound. */
  counters?: { emitted: number; dropped: number };
}

const LIVE = 0;
const RETAINED = 1;
const DONE = 2;

// One indicated list: given back with WskRelease once every retained datagram of it is released.
class Lease {
  outstanding = 0;
  kept = false;
  constructor(
    readonly head: DatagramListEntry,
    readonly give: (lease: Lease) => void,
  ) {}
}

// What one subscription tracks of the datagrams its subscriber retains: shared by every value, so
// emitting a datagram allocates its value and nothing else.
interface Retention {
  count: number;
  live: Set<Value>;
}

class Value implements DatagramIndication {
  #entry: DatagramListEntry;
  #lease: Lease;
  #state = LIVE;
  #retention: Retention;

  constructor(entry: DatagramListEntry, lease: Lease, retention: Retention) {
    this.#entry = entry;
    this.#lease = lease;
    this.#retention = retention;
  }

  get bytes(): Uint8Array {
    if (this.#state === DONE) throw new IndicationError("ERR_INDICATION_RELEASED");
    const { Mdl, Offset, Length } = this.#entry.Buffer;
    return (Mdl?.MappedSystemVa ?? new Uint8Array(0)).subarray(Offset, Offset + Length);
  }

  get remote(): SockAddr {
    if (this.#state === DONE) throw new IndicationError("ERR_INDICATION_RELEASED");
    return this.#entry.RemoteAddress;
  }

  retain(): this {
    if (this.#state !== LIVE) throw new IndicationError("ERR_INDICATION_NOT_LIVE");
    this.#state = RETAINED;
    this.#lease.outstanding++;
    this.#retention.count++;
    this.#retention.live.add(this);
    return this;
  }

  release(): void {
    if (this.#state === DONE) throw new IndicationError("ERR_INDICATION_ALREADY_RELEASED");
    if (this.#state !== RETAINED) throw new IndicationError("ERR_INDICATION_NOT_RETAINED");
    this.#forget();
    if (--this.#lease.outstanding === 0 && this.#lease.kept) this.#lease.give(this.#lease);
  }

  /** The synchronous next() returned: a datagram not retained is no longer the subscriber's. */
  expire(): void {
    if (this.#state === LIVE) this.#state = DONE;
  }

  /** Teardown: a retained datagram is given back for the subscriber. */
  revoke(): void {
    if (this.#state !== RETAINED) return;
    this.#forget();
    this.#lease.outstanding--;
  }

  #forget(): void {
    this.#state = DONE;
    this.#retention.count--;
    this.#retention.live.delete(this);
  }
}

/**
 * The datagrams of a socket as an Observable of indications, over WskReceiveFromEvent. Subscribing
 * installs the event callback and enables it; unsubscribing disables it and gives back everything
 * still retained. A dead socket (a null list) is an error notification (STATUS_FILE_FORCED_CLOSED).
 *
 * Ownership follows Netty's rule: an indication's bytes are valid until the synchronous `next`
 * returns; `retain()` during `next` keeps them (the callback returns STATUS_PENDING) until
 * `release()`, and the list goes back with WskRelease once all its retained datagrams are released.
 * Past `maxRetained` retained at once, datagrams are dropped and counted.
 */
export function datagramIndications(socket: DatagramIndicationSource, options: DatagramIndicationsOptions = {}): Observable<DatagramIndication> {
  const maxRetained = options.maxRetained ?? 1024;
  const counters = options.counters ?? { emitted: 0, dropped: 0 };
  return new Observable<DatagramIndication>((subscriber) => {
    const kept = new Set<Lease>();
    const retention: Retention = { count: 0, live: new Set() };
    const give = (lease: Lease) => {
      kept.delete(lease);
      socket.Dispatch.WskRelease(socket as never, lease.head as never);
    };
    const WskReceiveFromEvent = (_context: unknown, _flags: number, head: DatagramListEntry | null): NTSTATUS => {
      if (head === null) {
        subscriber.error(new WskError(STATUS_FILE_FORCED_CLOSED, { message: "the datagram socket no longer works" }));
        return STATUS_SUCCESS;
      }
      const lease = new Lease(head, give);
      for (let entry: DatagramListEntry | null = head; entry !== null && !subscriber.closed; entry = entry.Next) {
        if (retention.count >= maxRetained) {
          counters.dropped++;
          continue;
        }
        const value = new Value(entry, lease, retention);
        counters.emitted++;
        subscriber.next(value);
        value.expire();
      }
      if (lease.outstanding === 0) return STATUS_SUCCESS;
      lease.kept = true;
      kept.add(lease);
      return STATUS_PENDING;
    };
    const previous = { context: socket.SocketContext, dispatch: socketClientDispatch(socket) };
    setSocketClient(socket, previous.context, { ...(previous.dispatch ?? {}), WskReceiveFromEvent });
    const enabled = socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);
    if (enabled !== STATUS_SUCCESS) subscriber.error(new WskError(enabled, { message: "enabling WskReceiveFromEvent failed" }));
    return () => {
      socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM | WSK_EVENT_DISABLE }, 0, null, null, null);
      for (const value of [...retention.live]) value.revoke();
      for (const lease of [...kept]) give(lease);
      setSocketClient(socket, previous.context, previous.dispatch);
    };
  });
}
