import { WSK_EVENT_ACCEPT, WskCloseSocket, WskControlSocket, type WSK_PROVIDER_BASIC_DISPATCH } from "@wskit/core";
import { type WskSocketHooks, type WskSocketRequest } from "@wskit/core/provider";
import { StreamSocketBase } from "./StreamSocketBase";
import { offerWaiting } from "../internal/accept";
import { newStreamState } from "../internal/connection";
import { controlListenSocket } from "../internal/control";
import { kStream, type StreamState } from "../internal/streamState";
import { closeConnection } from "./ConnectionSocket";
import { getStreamCounters } from "./getStreamCounters";
import { WskAccept } from "./WskAccept";
import { WskBind } from "./WskBind";
import { WskGetLocalAddress } from "./WskGetLocalAddress";

/**
 * `WSK_PROVIDER_LISTEN_DISPATCH`: the calls of a listening socket. It listens from the moment
 * WskBind completes, as a WSK listening socket does.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_provider_listen_dispatch
 */
export interface WSK_PROVIDER_LISTEN_DISPATCH extends WSK_PROVIDER_BASIC_DISPATCH {
  /** Binds the socket to a local address. */
  WskBind: typeof WskBind;
  /** Accepts an incoming connection. */
  WskAccept: typeof WskAccept;
  /** The bound local address. */
  WskGetLocalAddress: typeof WskGetLocalAddress;
}

const LISTEN_DISPATCH: WSK_PROVIDER_LISTEN_DISPATCH = Object.freeze({
  WskControlSocket,
  WskCloseSocket,
  WskBind,
  WskAccept,
  WskGetLocalAddress,
});

export const LISTEN_HOOKS: WskSocketHooks<ListenSocket> = {
  control: controlListenSocket,
  eventsChanged: (socket, enabled, previous) => {
    if ((enabled & ~previous & WSK_EVENT_ACCEPT) !== 0) offerWaiting(socket);
  },
  closeHandle: async (socket) => {
    const state = socket[kStream];
    // Connections nobody accepted are aborted with the listener.
    for (let waiting = state.incoming.shift(); waiting !== undefined; waiting = state.incoming.shift()) await closeConnection(waiting);
    const server = state.server;
    if (server !== null && server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  },
  counters: (socket) => getStreamCounters(socket),
};

/** A listening socket (WSK_FLAG_LISTEN_SOCKET) over a `node:net` server, made by WskSocket. */
export class ListenSocket extends StreamSocketBase {
  readonly Dispatch: WSK_PROVIDER_LISTEN_DISPATCH = LISTEN_DISPATCH;
  /** @internal */
  readonly [kStream]: StreamState;

  /** @internal Made by WskSocket. */
  constructor(request: WskSocketRequest) {
    super(request, { allowedEvents: WSK_EVENT_ACCEPT, hooks: LISTEN_HOOKS as WskSocketHooks<never> });
    this[kStream] = newStreamState(request.AddressFamily);
    this[kStream].owner = this;
  }
}
