import {
  Fifo,
  WSK_EVENT_RECEIVE_FROM,
  WskCloseSocket,
  WskControlSocket,
  WskSocketObject,
  type NTSTATUS,
  type WSK_PROVIDER_BASIC_DISPATCH,
  type SockAddr,
} from "@wskit/core";
import { datagramDropsObserved, type WskSocketHooks, type WskSocketRequest } from "@wskit/core/provider";
import { defaultEngineChoice, engineNameOf } from "../engines/engineChoice";
import { controlDatagramSocket } from "../internal/control";
import { BindPhase, kDatagram, MAX_BATCH, type DatagramState } from "../internal/datagramState";
import { IndicationPool } from "../internal/IndicationPool";
import { newUdpOptions } from "../internal/udpOptions";
import { newDropsNoted, noteDrops, noteKernelDrops } from "../internal/dropNotes";
import { freeList, scheduleFlush } from "../internal/receive";
import { newCounters } from "./DatagramCounters";
import { getDatagramCounters } from "./getDatagramCounters";
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
  closeHandle: (socket) => closeEngine(socket),
  counters: (socket) => getDatagramCounters(socket),
};

/**
 * A datagram socket (WSK_FLAG_DATAGRAM_SOCKET), made by WskSocket, carried by the native engine
 * (Linux, @wskit/dgram-native) or by a `node:dgram` socket: see SO_WSKIT_DGRAM_ENGINE.
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
      engine: null,
      engineChoice: defaultEngineChoice(),
      engineFactory: null,
      reusePort: false,
      tunables: {},
      udp: newUdpOptions(),
      control: 0,
      referenced: true,
      phase: BindPhase.Unbound,
      broken: false,
      receiveShutdown: false,
      sendShutdown: false,
      local: null,
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
      counters: newCounters(),
      dropsNoted: newDropsNoted(),
    };
  }

  /** The bound address (the port the OS picked for port 0), or null before the bind; a copy. No IRP, unlike WskGetLocalAddress. */
  get localAddress(): SockAddr | null {
    return this[kDatagram].local?.clone() ?? null;
  }

  /** The fixed remote address (SIO_WSK_SET_REMOTE_ADDRESS), or null; a copy. */
  get remoteAddress(): SockAddr | null {
    return this[kDatagram].fixedRemote?.clone() ?? null;
  }

  /** Lets the process exit while the socket is open, as node:dgram's `socket.unref()`. Returns the socket. */
  unref(): this {
    return this.#setRef(false);
  }

  /** Keeps the process alive while the socket is open again (the default), as node:dgram's `socket.ref()`. */
  ref(): this {
    return this.#setRef(true);
  }

  #setRef(on: boolean): this {
    const state = this[kDatagram];
    state.referenced = on;
    if (state.phase === BindPhase.Bound) state.engine?.setRef(on);
    return this;
  }

  protected override inspectFields(): Record<string, unknown> {
    const state = this[kDatagram];
    return {
      local: state.local === null ? null : String(state.local),
      ...(state.fixedRemote === null ? {} : { remote: String(state.fixedRemote) }),
      engine: engineNameOf(state),
    };
  }
}

async function closeEngine(socket: DatagramSocket): Promise<void> {
  const state = socket[kDatagram];
  const { counters } = state;
  counters.droppedClosed += state.queue.size;
  noteDrops(socket);
  if (datagramDropsObserved() && state.phase === BindPhase.Bound && state.engine !== null) noteKernelDrops(socket, state.engine.kernelDrops());
  state.queue.drain((record) => state.pool.free(record));
  state.queuedBytes = 0;
  await state.engine?.close();
}
