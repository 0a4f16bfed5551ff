import {
  WSK_EVENT_ACCEPT,
  WSK_EVENT_DISCONNECT,
  WSK_EVENT_RECEIVE,
  WSK_EVENT_SEND_BACKLOG,
  WskCloseSocket,
  WskControlSocket,
  type WSK_PROVIDER_BASIC_DISPATCH,
} from "@wskit/core";
import { type WskSocketHooks, type WskSocketRequest } from "@wskit/core/provider";
import { StreamSocketBase } from "./StreamSocketBase";
import { getStreamCounters } from "./getStreamCounters";
import { newStreamState } from "../internal/connection";
import { controlListenSocket } from "../internal/control";
import { kStream, StreamPhase, type StreamState } from "../internal/streamState";
import { CONNECTION_HOOKS } from "./ConnectionSocket";
import { LISTEN_HOOKS } from "./ListenSocket";
import { WskAccept } from "./WskAccept";
import { WskBind } from "./WskBind";
import { WskConnect } from "./WskConnect";
import { WskDisconnect } from "./WskDisconnect";
import { WskGetLocalAddress } from "./WskGetLocalAddress";
import { WskGetRemoteAddress } from "./WskGetRemoteAddress";
import { WskListen } from "./WskListen";
import { WskReceive } from "./WskReceive";
import { WskRelease } from "./WskRelease";
import { WskSend } from "./WskSend";

/**
 * `WSK_PROVIDER_STREAM_DISPATCH`: the calls of a stream socket, which connects like a connection
 * socket or, after WskListen, accepts like a listening one.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_provider_stream_dispatch
 */
export interface WSK_PROVIDER_STREAM_DISPATCH extends WSK_PROVIDER_BASIC_DISPATCH {
  /** Binds the socket to a local address. */
  WskBind: typeof WskBind;
  /** Starts listening (stream sockets). */
  WskListen: typeof WskListen;
  /** Accepts an incoming connection. */
  WskAccept: typeof WskAccept;
  /** Connects to a remote address. */
  WskConnect: typeof WskConnect;
  /** The bound local address. */
  WskGetLocalAddress: typeof WskGetLocalAddress;
  /** The connected remote address. */
  WskGetRemoteAddress: typeof WskGetRemoteAddress;
  /** Sends bytes on the connection. */
  WskSend: typeof WskSend;
  /** Receives bytes into a caller's buffer (WAITALL, DRAIN, zero-length). */
  WskReceive: typeof WskReceive;
  /** Disconnects, gracefully (with an optional last buffer) or abortively. */
  WskDisconnect: typeof WskDisconnect;
  /** Gives back a list kept from WskReceiveEvent. */
  WskRelease: typeof WskRelease;
}

const STREAM_DISPATCH: WSK_PROVIDER_STREAM_DISPATCH = Object.freeze({
  WskControlSocket,
  WskCloseSocket,
  WskBind,
  WskListen,
  WskAccept,
  WskConnect,
  WskGetLocalAddress,
  WskGetRemoteAddress,
  WskSend,
  WskReceive,
  WskDisconnect,
  WskRelease,
});

// Whichever role the socket took decides which hooks apply.
const listening = (socket: StreamSocket) => socket[kStream].phase === StreamPhase.Listening || socket[kStream].server !== null;
const HOOKS: WskSocketHooks<StreamSocket> = {
  control: controlListenSocket,
  eventsChanged: (socket, enabled, previous) =>
    (listening(socket) ? LISTEN_HOOKS : CONNECTION_HOOKS).eventsChanged?.(socket as never, enabled, previous),
  releaseRetained: (socket, list) => CONNECTION_HOOKS.releaseRetained?.(socket as never, list),
  closeHandle: (socket) => (listening(socket) ? LISTEN_HOOKS : CONNECTION_HOOKS).closeHandle(socket as never),
  counters: (socket) => getStreamCounters(socket),
};

/** A stream socket (WSK_FLAG_STREAM_SOCKET) over `node:net`, made by WskSocket. */
export class StreamSocket extends StreamSocketBase {
  readonly Dispatch: WSK_PROVIDER_STREAM_DISPATCH = STREAM_DISPATCH;
  /** @internal */
  readonly [kStream]: StreamState;

  /** @internal Made by WskSocket. */
  constructor(request: WskSocketRequest) {
    super(request, {
      allowedEvents: WSK_EVENT_RECEIVE | WSK_EVENT_DISCONNECT | WSK_EVENT_SEND_BACKLOG | WSK_EVENT_ACCEPT,
      hooks: HOOKS as WskSocketHooks<never>,
    });
    this[kStream] = newStreamState(request.AddressFamily);
    this[kStream].owner = this;
  }
}
