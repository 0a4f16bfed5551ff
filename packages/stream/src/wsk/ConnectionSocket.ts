import {
  WskCloseSocket,
  WskControlSocket,
  WskSocketObject,
  type WSK_PROVIDER_BASIC_DISPATCH,
  type WskSocketHooks,
  type WskSocketRequest,
} from "@wskit/core";
import { newStreamState } from "../internal/connection";
import { discardBacklog } from "../internal/receive";
import { kStream, type StreamState } from "../internal/streamState";
import { WskBind } from "./WskBind";
import { WskConnect } from "./WskConnect";
import { WskDisconnect } from "./WskDisconnect";
import { WskGetLocalAddress } from "./WskGetLocalAddress";
import { WskGetRemoteAddress } from "./WskGetRemoteAddress";
import { WskReceive } from "./WskReceive";
import { WskSend } from "./WskSend";

/**
 * `WSK_PROVIDER_CONNECTION_DISPATCH`: the calls of a connection socket.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_provider_connection_dispatch
 */
export interface WSK_PROVIDER_CONNECTION_DISPATCH extends WSK_PROVIDER_BASIC_DISPATCH {
  WskBind: typeof WskBind;
  WskConnect: typeof WskConnect;
  WskGetLocalAddress: typeof WskGetLocalAddress;
  WskGetRemoteAddress: typeof WskGetRemoteAddress;
  WskSend: typeof WskSend;
  WskReceive: typeof WskReceive;
  WskDisconnect: typeof WskDisconnect;
}

const CONNECTION_DISPATCH: WSK_PROVIDER_CONNECTION_DISPATCH = Object.freeze({
  WskControlSocket,
  WskCloseSocket,
  WskBind,
  WskConnect,
  WskGetLocalAddress,
  WskGetRemoteAddress,
  WskSend,
  WskReceive,
  WskDisconnect,
});

const HOOKS: WskSocketHooks<ConnectionSocket> = {
  closeHandle: (socket) => closeConnection(socket[kStream]),
};

/**
 * A connection socket (WSK_FLAG_CONNECTION_SOCKET) over a `node:net` socket: made by WskSocket and
 * connected with WskConnect, made by WskSocketConnect, or accepted by WskAccept.
 */
export class ConnectionSocket extends WskSocketObject {
  readonly Dispatch: WSK_PROVIDER_CONNECTION_DISPATCH = CONNECTION_DISPATCH;
  /** @internal */
  readonly [kStream]: StreamState;

  /** @internal Made by WskSocket, WskSocketConnect or WskAccept (which brings the accepted state). */
  constructor(request: Pick<WskSocketRequest, "clientState" | "SocketContext" | "Dispatch">, family: number, accepted?: StreamState) {
    // Event callbacks of connection sockets (WskReceiveEvent, WskDisconnectEvent) are not there yet:
    // enabling one is refused with STATUS_INVALID_PARAMETER rather than accepted and never raised.
    super(request, { allowedEvents: 0, hooks: HOOKS as WskSocketHooks<never> });
    const state = accepted ?? newStreamState(family);
    state.owner = this;
    this[kStream] = state;
  }
}

/** Closes the Node socket: an orderly close when both sides sent FIN, else an abort (RST). */
export async function closeConnection(state: StreamState): Promise<void> {
  discardBacklog(state);
  const node = state.node;
  if (node === null || node.destroyed) return;
  const closed = new Promise<void>((resolve) => node.once("close", () => resolve()));
  if (state.peerClosed && state.sendClosed) node.destroy();
  else node.resetAndDestroy();
  await closed;
}
