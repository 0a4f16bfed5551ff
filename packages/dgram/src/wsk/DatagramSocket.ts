import { createSocket, type Socket } from "node:dgram";
import {
  AF_INET6,
  Fifo,
  reportCallbackError,
  WSK_EVENT_RECEIVE_FROM,
  WskCloseSocket,
  WskControlSocket,
  WskSocketObject,
  type NTSTATUS,
  type WSK_PROVIDER_BASIC_DISPATCH,
  type WskSocketHooks,
  type WskSocketRequest,
} from "@wskit/core";
import { literalLookup } from "../internal/bindNodeSocket";
import { controlDatagramSocket } from "../internal/control";
import { BindPhase, kDatagram, MAX_BATCH, type DatagramState } from "../internal/datagramState";
import { IndicationPool } from "../internal/IndicationPool";
import { breakSocket, freeList, onMessage, scheduleFlush } from "../internal/receive";
import { onSentFor } from "../internal/send";
import { newCounters } from "./DatagramCounters";
import { WskBind } from "./WskBind";
import { WskGetLocalAddress } from "./WskGetLocalAddress";
import { recordOf, type WskDatagramIndication } from "./WskDatagramIndication";
import { WskReceiveFrom } from "./WskReceiveFrom";
import { WskRelease } from "./WskRelease";
import { WskSendMessages } from "./WskSendMessages";
import { WskSendTo } from "./WskSendTo";

/**
 * `WSK_CLIENT_DATAGRAM_DISPATCH`: the client's event callback for a datagram socket, passed to
 * WskSocket as its `Dispatch`.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_client_datagram_dispatch
 */
export interface WSK_CLIENT_DATAGRAM_DISPATCH {
  /**
   * Receives the datagrams of one event-loop turn as a list (or null: the socket no longer works).
   * Return STATUS_SUCCESS (done with them), STATUS_PENDING (kept until WskRelease) or
   * STATUS_DATA_NOT_ACCEPTED (not taken: they wait, and the callback is off until enabled again).
   *
   * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_receive_from_event
   */
  WskReceiveFromEvent(SocketContext: unknown, Flags: number, DataIndication: WskDatagramIndication | null): NTSTATUS;
}

/**
 * `WSK_PROVIDER_DATAGRAM_DISPATCH`: the calls of a datagram socket.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_provider_datagram_dispatch
 */
export interface WSK_PROVIDER_DATAGRAM_DISPATCH extends WSK_PROVIDER_BASIC_DISPATCH {
  /** Binds the socket to a local address. */
  WskBind: typeof WskBind;
  /** Sends one datagram. */
  WskSendTo: typeof WskSendTo;
  /** Sends a list of datagrams. */
  WskSendMessages: typeof WskSendMessages;
  /** Receives one datagram into a caller's buffer. */
  WskReceiveFrom: typeof WskReceiveFrom;
  /** Gives back a list kept from WskReceiveFromEvent. */
  WskRelease: typeof WskRelease;
  /** The bound local address. */
  WskGetLocalAddress: typeof WskGetLocalAddress;
}

const DATAGRAM_DISPATCH: WSK_PROVIDER_DATAGRAM_DISPATCH = Object.freeze({
  WskControlSocket,
  WskCloseSocket,
  WskBind,
  WskSendTo,
  WskSendMessages,
  WskReceiveFrom,
  WskRelease,
  WskGetLocalAddress,
});

/** SO_RCVBUF's default: the bytes of datagrams that may wait for a receive or the callback. */
export const DEFAULT_RECEIVE_BUFFER_BYTES = 256 * 1024;
/** The default bound on the bytes of indications the client retains (SO_WSKIT_RETENTION_LIMIT). */
export const DEFAULT_RETENTION_LIMIT_BYTES = 1024 * 1024;

const HOOKS: WskSocketHooks<DatagramSocket> = {
  control: controlDatagramSocket,
  eventsChanged: (socket, enabled) => {
    if ((enabled & WSK_EVENT_RECEIVE_FROM) !== 0) scheduleFlush(socket);
  },
  releaseRetained: (socket, list) => {
    freeList(socket[kDatagram], recordOf(list) ?? null, true);
  },
  closeHandle: (socket) => closeNodeSocket(socket),
};

/**
 * A datagram socket (WSK_FLAG_DATAGRAM_SOCKET) over a `node:dgram` socket, made by WskSocket.
 * Its calls go through `Dispatch`, as in the pages: `Socket.Dispatch.WskSendTo(Socket, …)`.
 */
export class DatagramSocket extends WskSocketObject {
  readonly Dispatch: WSK_PROVIDER_DATAGRAM_DISPATCH = DATAGRAM_DISPATCH;
  /** @internal */
  readonly [kDatagram]: DatagramState;

  /** @internal Made by WskSocket. */
  constructor(request: WskSocketRequest) {
    super(request, { allowedEvents: WSK_EVENT_RECEIVE_FROM, hooks: HOOKS as WskSocketHooks<never> });
    this[kDatagram] = {
      family: request.AddressFamily,
      node: newNodeSocket(this, request.AddressFamily),
      phase: BindPhase.Unbound,
      broken: false,
      nodeClosed: false,
      receiveShutdown: false,
      sendShutdown: false,
      local: null,
      kernelDropsAtBind: null,
      fixedRemote: null,
      sendTo: null,
      receives: new Fifo(),
      queue: new Fifo(64),
      queuedBytes: 0,
      receiveBufferBytes: DEFAULT_RECEIVE_BUFFER_BYTES,
      retainedBytes: 0,
      retentionLimitBytes: DEFAULT_RETENTION_LIMIT_BYTES,
      flushScheduled: false,
      pool: new IndicationPool(DEFAULT_RECEIVE_BUFFER_BYTES + DEFAULT_RETENTION_LIMIT_BYTES, MAX_BATCH),
      sends: new Fifo(),
      onSent: onSentFor(this),
      counters: newCounters(),
    };
  }
}

/** A Node socket for the family, IPv6-only as Windows' AF_INET6 sockets are, wired to the receive path. */
export function newNodeSocket(socket: DatagramSocket, family: number): Socket {
  const node = createSocket({ type: family === AF_INET6 ? "udp6" : "udp4", ipv6Only: family === AF_INET6, lookup: literalLookup });
  // Nothing thrown here may reach Node's event handlers (SPEC §7): each handler reports instead.
  node.on("message", (message, rinfo) => {
    try {
      onMessage(socket, message, rinfo);
    } catch (error) {
      reportCallbackError("internal", "receiving a datagram", error);
    }
  });
  // While binding, WskBind owns errors; afterwards an error or an unexpected close breaks the socket.
  node.on("error", () => {
    try {
      if (socket[kDatagram]?.phase === BindPhase.Bound) breakSocket(socket);
    } catch (error) {
      reportCallbackError("internal", "a datagram socket error", error);
    }
  });
  node.on("close", () => {
    try {
      const state = socket[kDatagram];
      if (state?.node !== node) return;
      state.nodeClosed = true;
      breakSocket(socket);
    } catch (error) {
      reportCallbackError("internal", "a datagram socket closing", error);
    }
  });
  return node;
}

async function closeNodeSocket(socket: DatagramSocket): Promise<void> {
  const state = socket[kDatagram];
  const { counters } = state;
  counters.droppedClosed += state.queue.size;
  state.queue.drain((record) => state.pool.free(record));
  state.queuedBytes = 0;
  if (state.nodeClosed) return;
  await new Promise<void>((resolve) => {
    try {
      state.node.close(() => resolve());
    } catch {
      resolve(); // closed under us in the meantime
    }
  });
}
