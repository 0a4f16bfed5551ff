import {
  WSK_EVENT_DISCONNECT,
  WSK_EVENT_RECEIVE,
  WSK_EVENT_SEND_BACKLOG,
  STATUS_SUCCESS,
  WSK_FLAG_ABORTIVE,
  WskCloseSocket,
  WskControlSocket,
  type WSK_PROVIDER_BASIC_DISPATCH,
} from "@wskit/core";
import { callSocketEvent, reportCallbackError, socketClientDispatch, socketEvents, type WskSocketHooks, type WskSocketRequest } from "@wskit/core/provider";
import { flushSmallSends } from "../internal/smallSends";
import { newStreamState } from "../internal/connection";
import { disconnectForDisposal } from "../internal/disconnectForDisposal";
import { lingerForPeerEnd } from "../internal/lingerForPeerEnd";
import { indicateDisconnect, releaseIndications, scheduleIndication } from "../internal/indicate";
import { discardBacklog } from "../internal/receive";
import { kStream, type StreamState } from "../internal/streamState";
import { StreamSocketBase } from "./StreamSocketBase";
import { getStreamCounters } from "./getStreamCounters";
import { WskBind } from "./WskBind";
import { WskConnect } from "./WskConnect";
import { WskDisconnect } from "./WskDisconnect";
import { WskGetLocalAddress } from "./WskGetLocalAddress";
import { WskGetRemoteAddress } from "./WskGetRemoteAddress";
import { WskReceive } from "./WskReceive";
import { WskRelease } from "./WskRelease";
import { WskSend } from "./WskSend";
import type { WSK_CLIENT_CONNECTION_DISPATCH } from "./WSK_CLIENT_CONNECTION_DISPATCH";
import type { WskDataIndication } from "./WskDataIndication";

/**
 * `WSK_PROVIDER_CONNECTION_DISPATCH`: the calls of a connection socket.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_provider_connection_dispatch
 */
export interface WSK_PROVIDER_CONNECTION_DISPATCH extends WSK_PROVIDER_BASIC_DISPATCH {
  /** Binds the socket to a local address. */
  WskBind: typeof WskBind;
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
  WskRelease,
});

/** The ideal send backlog WskSendBacklogEvent reports: enough in flight to keep loopback TCP busy. */
export const IDEAL_SEND_BACKLOG = 128 * 1024;

export const CONNECTION_HOOKS: WskSocketHooks<ConnectionSocket> = {
  eventsChanged: (socket, enabled, previous) => {
    const state = socket[kStream];
    if ((enabled & ~previous & WSK_EVENT_RECEIVE) !== 0) {
      state.eventSuppressed = false;
      scheduleIndication(state);
    }
    if ((enabled & ~previous & WSK_EVENT_DISCONNECT) !== 0 && (state.peerClosed || state.brokenStatus !== STATUS_SUCCESS)) {
      // The peer ended (or reset) before the client asked to hear of it: it hears now, after the
      // data still buffered is indicated, rather than never.
      setImmediate(() => {
        try {
          indicateDisconnect(state, state.brokenStatus === STATUS_SUCCESS ? 0 : WSK_FLAG_ABORTIVE);
        } catch (error) {
          reportCallbackError("internal", "a late disconnect indication", error);
        }
      });
    }
    if ((enabled & ~previous & WSK_EVENT_SEND_BACKLOG) !== 0) {
      setImmediate(() => {
        if ((socketEvents(socket) & WSK_EVENT_SEND_BACKLOG) === 0) return;
        const dispatch = socketClientDispatch<WSK_CLIENT_CONNECTION_DISPATCH>(socket);
        callSocketEvent(socket, () => dispatch?.WskSendBacklogEvent?.(socket.SocketContext, IDEAL_SEND_BACKLOG), undefined);
      });
    }
  },
  releaseRetained: (socket, list) => releaseIndications(socket[kStream], list as WskDataIndication),
  closeHandle: (socket) => closeConnection(socket[kStream]),
  counters: (socket) => getStreamCounters(socket),
};

/**
 * A connection socket (WSK_FLAG_CONNECTION_SOCKET) over a `node:net` socket: made by WskSocket and
 * connected with WskConnect, made by WskSocketConnect, or accepted by WskAccept.
 */
export class ConnectionSocket extends StreamSocketBase {
  readonly Dispatch: WSK_PROVIDER_CONNECTION_DISPATCH = CONNECTION_DISPATCH;
  /** @internal */
  readonly [kStream]: StreamState;

  /** @internal Made by WskSocket, WskSocketConnect or WskAccept (which brings the accepted state). */
  constructor(request: Pick<WskSocketRequest, "clientState" | "SocketContext" | "Dispatch">, family: number, accepted?: StreamState) {
    super(request, { allowedEvents: WSK_EVENT_RECEIVE | WSK_EVENT_DISCONNECT | WSK_EVENT_SEND_BACKLOG, hooks: CONNECTION_HOOKS as WskSocketHooks<never> });
    const state = accepted ?? newStreamState(family);
    state.owner = this;
    this[kStream] = state;
  }

  /**
   * `await using`: a connection from the helpers (`connect`, `listen().connections()`) ends
   * gracefully, as Node's `socket.end()`: disposal sends its FIN after the data and resolves; the
   * socket is closed to the client at once (later calls get STATUS_INVALID_HANDLE) and lingers
   * until the peer's end arrives (what the peer still sends is dropped), or `disposeTimeout` ms,
   * then closes, abortively if the peer had not ended. The peer sees the end of the stream, not a
   * reset. Any other connection closes at once, abortively, as WskCloseSocket does in WSK.
   */
  override async [Symbol.asyncDispose](): Promise<void> {
    const timeout = this[kStream].disposeTimeout;
    if (timeout === 0) return super[Symbol.asyncDispose]();
    await disconnectForDisposal(this, timeout);
    // The close runs on (lingering) after disposal resolves, as a Node socket outlives end().
    void super[Symbol.asyncDispose]();
  }
}

/** Closes the Node socket: an orderly close when both sides sent FIN, else an abort (RST). */
export async function closeConnection(state: StreamState): Promise<void> {
  discardBacklog(state);
  flushSmallSends(state);
  const node = state.node;
  if (node === null || node.destroyed) return;
  const closed = new Promise<void>((resolve) => node.once("close", () => resolve()));
  if (state.disposeTimeout > 0 && state.sendClosed && !state.peerClosed && state.brokenStatus === STATUS_SUCCESS) {
    await lingerForPeerEnd(state, node, state.disposeTimeout);
  }
  if (state.peerClosed && state.sendClosed) node.destroy();
  else node.resetAndDestroy();
  await closed;
}
