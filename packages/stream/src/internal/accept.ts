// Incoming connections of a listening socket: each accepted Node handle is wrapped again to read
// through onread, then handed to the oldest waiting WskAccept, or held (bounded) until one comes.
import type { TransportSocket } from "./transport";
import { ref, SockAddr, STATUS_REQUEST_NOT_ACCEPTED, STATUS_SUCCESS, WSK_EVENT_ACCEPT, type IRP } from "@wskit/core";
import {
  callSocketEvent,
  completeSocketIrp,
  reportCallbackError,
  setSocketClient,
  socketClientDispatch,
  socketEvents,
  socketRequestFrom,
  publishConnection,
  publishSocketCreate,
} from "@wskit/core/provider";
import type { WSK_CLIENT_LISTEN_DISPATCH } from "../wsk/WSK_CLIENT_LISTEN_DISPATCH";
import type { ListenSocket } from "../wsk/ListenSocket";
import type { StreamSocket } from "../wsk/StreamSocket";
import { ConnectionSocket, closeConnection } from "../wsk/ConnectionSocket";
import { newNodeSocket, newStreamState } from "./connection";
import { kStream, StreamPhase, type StreamState } from "./streamState";

// WskAccept's request, in its IRP's DriverContext.
export const ACCEPT_CONTEXT = 0;
export const ACCEPT_DISPATCH = 1;
export const ACCEPT_LOCAL = 2;
export const ACCEPT_REMOTE = 3;

export function acceptConnection(listener: ListenSocket | StreamSocket, raw: TransportSocket): void {
  const listening = listener[kStream];
  // Take the handle over; destroying the emptied original lets the server count the connection as
  // gone, so closing the listener does not wait for it.
  const handle = (raw as unknown as { _handle: unknown })._handle;
  (raw as unknown as { _handle: unknown })._handle = null;
  raw.destroy();
  const state = newStreamState(listening.family, listening.transport);
  const node = newNodeSocket(state, handle);
  state.phase = StreamPhase.Connected;
  state.local = SockAddr.fromAddressInfo({ address: node.localAddress ?? "", family: node.localFamily ?? "IPv4", port: node.localPort ?? 0 });
  state.remote = SockAddr.fromAddressInfo({ address: node.remoteAddress ?? "", family: node.remoteFamily ?? "IPv4", port: node.remotePort ?? 0 });
  node.resume();
  const irp = listening.accepts.shift();
  if (irp !== undefined) {
    hand(listener, irp, state);
    return;
  }
  if ((socketEvents(listener) & WSK_EVENT_ACCEPT) !== 0) {
    offer(listener, state);
    return;
  }
  if (listening.incoming.size >= listening.acceptBacklog) {
    listening.counters.connectionsRefused++;
    void closeConnection(state);
    return;
  }
  listening.incoming.push(state);
}

/** Gives a connection to a WskAccept: the new socket in Information, the addresses filled. */
export function hand(listener: ListenSocket | StreamSocket, irp: IRP, state: StreamState, atOnce = false): ConnectionSocket {
  const context = irp.Tail.Overlay.DriverContext;
  const socket = new ConnectionSocket(socketRequestFrom(listener, context[ACCEPT_CONTEXT], context[ACCEPT_DISPATCH] as object | null), state.family, state);
  // The out-parameters were checked at the call; one the client froze since cannot stop the accept.
  try {
    (context[ACCEPT_LOCAL] as SockAddr | null)?.copyFrom(state.local as SockAddr);
    (context[ACCEPT_REMOTE] as SockAddr | null)?.copyFrom(state.remote as SockAddr);
  } catch {
    // Left as the client made them.
  }
  listener[kStream].counters.connectionsAccepted++;
  announceAccepted(socket, state);
  if (!atOnce) completeSocketIrp(listener, irp, STATUS_SUCCESS, socket);
  return socket;
}

/**
 * WskAcceptEvent: the connection is offered as a socket; the client takes it (STATUS_SUCCESS, with
 * its context and dispatch) or refuses it (STATUS_REQUEST_NOT_ACCEPTED), and a refused one is closed.
 */
export function offer(listener: ListenSocket | StreamSocket, state: StreamState): void {
  const socket = new ConnectionSocket(socketRequestFrom(listener, null, null), state.family, state);
  const context = ref<unknown>(null);
  const dispatch = ref<object | null>(null);
  const clientDispatch = socketClientDispatch<WSK_CLIENT_LISTEN_DISPATCH>(listener);
  // A callback that throws has not taken the connection: it is closed, as a refused one is.
  const status = callSocketEvent(
    listener,
    () => clientDispatch?.WskAcceptEvent?.(listener.SocketContext, 0, state.local, state.remote, socket, context, dispatch) ?? STATUS_REQUEST_NOT_ACCEPTED,
    STATUS_REQUEST_NOT_ACCEPTED,
  );
  if (status === STATUS_SUCCESS) {
    listener[kStream].counters.connectionsAccepted++;
    announceAccepted(socket, state);
    setSocketClient(socket, context.value, dispatch.value);
  } else {
    listener[kStream].counters.connectionsRefused++;
    void socket[Symbol.asyncDispose]();
  }
}

/** Connections that waited are offered once the event is enabled. */
export function offerWaiting(listener: ListenSocket | StreamSocket): void {
  const listening = listener[kStream];
  setImmediate(() => {
    // Runs from the event loop: nothing thrown may escape to Node (SPEC §7).
    try {
      while ((socketEvents(listener) & WSK_EVENT_ACCEPT) !== 0 && listening.accepts.size === 0) {
        const waiting = listening.incoming.shift();
        if (waiting === undefined) break;
        offer(listener, waiting);
      }
    } catch (error) {
      reportCallbackError("internal", "offering waiting connections", error);
    }
  });
}

// An accepted connection is a new socket, and an accept.
function announceAccepted(socket: ConnectionSocket, state: StreamState): void {
  publishSocketCreate(socket, "connection", state.family);
  publishConnection("accept", { socket, local: state.local, remote: state.remote });
}
