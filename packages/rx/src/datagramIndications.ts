import { Observable, type Subscriber } from "rxjs";
import {
  checkOptions,
  programmerError,
  STATUS_FILE_FORCED_CLOSED,
  STATUS_SUCCESS,
  WSK_EVENT_RECEIVE_FROM,
  WskError,
  type NTSTATUS,
  type SockAddr,
  type WSK_PROVIDER_BASIC_DISPATCH,
  type WskBuf,
  type WskSocketObject,
} from "@wskit/core";
import type { DatagramIndication } from "./DatagramIndication";
import { checkCount, checkSocket } from "./internal/checkOption";
import { EventClient, ListLease } from "./internal/EventClient";
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

// One subscription: the event callback it installs as the socket's client.
class DatagramSubscription {
  readonly client: EventClient;

  constructor(
    socket: DatagramIndicationSource,
    readonly subscriber: Subscriber<DatagramIndication>,
    readonly maxRetained: number,
    readonly counters: DatagramIndicationCounters,
  ) {
    this.client = new EventClient(socket, subscriber);
  }

  readonly WskReceiveFromEvent = (_context: unknown, _flags: number, head: DatagramListEntry | null): NTSTATUS => {
    const { subscriber, counters, client } = this;
    const retention = client.retention;
    if (head === null) {
      subscriber.error(new WskError(STATUS_FILE_FORCED_CLOSED, { message: "the datagram socket no longer works" }));
      return STATUS_SUCCESS;
    }
    const lease = new ListLease(head, client);
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
    return client.settle(lease);
  };
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
 *
 * A socket has one event client, so one subscription at a time: a second subscription while one
 * is active is refused with an error notification, IndicationError ERR_SOCKET_ALREADY_OBSERVED
 * (never a silent takeover). To hand the datagrams to several subscribers, `share()` the Observable.
 */
export function datagramIndications(socket: DatagramIndicationSource, options: DatagramIndicationsOptions = {}): Observable<DatagramIndication> {
  checkOptions("datagramIndications", options);
  checkSocket("datagramIndications", socket, "WskReceiveFrom");
  const maxRetained = checkCount("datagramIndications", "maxRetained", options.maxRetained ?? 1024);
  const counters = options.counters === undefined ? { emitted: 0, dropped: 0 } : options.counters;
  if (typeof counters !== "object" || counters === null || typeof counters.emitted !== "number" || typeof counters.dropped !== "number") {
    throw programmerError("ERR_INVALID_ARG_TYPE", "datagramIndications: counters must be an object { emitted: number, dropped: number }");
  }
  return new Observable<DatagramIndication>((subscriber) => {
    const subscription = new DatagramSubscription(socket, subscriber, maxRetained, counters);
    subscription.client.install({ WskReceiveFromEvent: subscription.WskReceiveFromEvent }, [WSK_EVENT_RECEIVE_FROM]);
    return () => subscription.client.uninstall();
  });
}
