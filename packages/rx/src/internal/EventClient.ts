// What an Observable of event indications does as the socket's client, for the datagram and the
// connection adapters alike: it installs its callbacks as the socket's client dispatch (keeping the
// context and the callbacks it does not replace) and enables their events, ends the stream when the
// socket closes, keeps the lists its subscriber retains and gives each back with WskRelease once
// all of it is released. Teardown undoes all of it.
import type { Subscriber } from "rxjs";
import {
  SO_WSK_EVENT_CALLBACK,
  SOL_SOCKET,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WSK_EVENT_DISABLE,
  WskError,
  WskSetOption,
  type NTSTATUS,
  type WSK_PROVIDER_BASIC_DISPATCH,
  type WskSocketObject,
} from "@wskit/core";
import { setSocketClient, socketClientDispatch, watchSocketClose } from "@wskit/core/provider";
import { IndicationError } from "../errors";
import { keepIfRetained, Retention, type Lease } from "./lease";

// The socket each subscription observes: a socket has one client dispatch, so one subscription.
const observed = new WeakSet<object>();

/** A socket whose provider dispatch has WskRelease (datagram and connection sockets). */
export type ReleasingSocket = WskSocketObject & {
  readonly Dispatch: WSK_PROVIDER_BASIC_DISPATCH & { WskRelease(socket: never, list: never): NTSTATUS };
};

/** One indicated list: given back with WskRelease once every retained indication of it is released. */
export class ListLease implements Lease {
  outstanding = 0;
  kept = false;
  constructor(
    readonly head: object,
    readonly client: EventClient,
  ) {}
  give(): void {
    this.client.giveBack(this);
  }
}

export class EventClient {
  readonly retention = new Retention();
  readonly #kept = new Set<ListLease>();
  readonly #context: unknown;
  readonly #dispatch: object | null;
  #events: readonly number[] = [];
  #unwatchClose: () => void = () => {};
  #installed = false;

  constructor(
    readonly socket: ReleasingSocket,
    readonly subscriber: Subscriber<never>,
  ) {
    this.#context = socket.SocketContext;
    this.#dispatch = socketClientDispatch(socket);
  }

  /**
   * Installs `callbacks` and enables `events` (WSK_EVENT_* bits); a refusal is an error
   * notification, and so is a socket another subscription observes already
   * (ERR_SOCKET_ALREADY_OBSERVED): taking its callbacks over would leave that one open and silent.
   */
  install(callbacks: object, events: readonly number[]): void {
    const { socket, subscriber } = this;
    if (observed.has(socket)) {
      subscriber.error(new IndicationError("ERR_SOCKET_ALREADY_OBSERVED"));
      return;
    }
    observed.add(socket);
    this.#installed = true;
    this.#events = events;
    setSocketClient(socket, this.#context, { ...(this.#dispatch ?? {}), ...callbacks });
    // The socket closing ends the stream; what the subscriber holds goes back before the close checks.
    this.#unwatchClose = watchSocketClose(socket, () => subscriber.complete());
    const mask = events.reduce((all, event) => all | event, 0);
    const enabled = socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: mask }, 0, null, null, null);
    if (enabled !== STATUS_SUCCESS) subscriber.error(new WskError(enabled, { message: "enabling the event callbacks failed" }));
  }

  /** A list whose indications were emitted: what the callback returns (STATUS_PENDING keeps it). */
  settle(lease: ListLease): NTSTATUS {
    if (!keepIfRetained(lease)) return STATUS_SUCCESS;
    this.#kept.add(lease);
    return STATUS_PENDING;
  }

  giveBack(lease: ListLease): void {
    this.#kept.delete(lease);
    this.socket.Dispatch.WskRelease(this.socket as never, lease.head as never);
  }

  /** Teardown: events off, everything retained given back, the previous client dispatch restored. */
  uninstall(): void {
    const { socket } = this;
    if (!this.#installed) return;
    this.#installed = false;
    observed.delete(socket);
    this.#unwatchClose();
    for (const event of this.#events) {
      socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: event | WSK_EVENT_DISABLE }, 0, null, null, null);
    }
    this.retention.revokeAll();
    for (const lease of [...this.#kept]) this.giveBack(lease);
    setSocketClient(socket, this.#context, this.#dispatch);
  }
}
