import { inspect, type InspectOptionsStylized } from "node:util";
import type { NTSTATUS } from "../headers/NTSTATUS";
import type { Ref } from "../headers/Ref";
import type { WSK_CONTROL_SOCKET_TYPE } from "../headers/wsk";
import type { IRP } from "../irp/IRP";
import { runIrp } from "../irp/runIrp";
import { WskCloseSocket } from "./WskCloseSocket";
import type { WskControlSocket } from "./WskControlSocket";
import type { WskSocketRequest } from "./WskRegisterSocketProvider";
import { PendingIrps } from "./PendingIrps";
import { kSocket, Phase, type SocketState } from "./socketState";

/**
 * `WSK_PROVIDER_BASIC_DISPATCH`: the calls every socket has. Each category's dispatch adds its own.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_provider_basic_dispatch
 */
export interface WSK_PROVIDER_BASIC_DISPATCH {
  /** Sets or gets an option, or runs an IOCTL. */
  WskControlSocket: typeof WskControlSocket;
  /** Closes the socket. */
  WskCloseSocket: typeof WskCloseSocket;
}

/** What a provider plugs into the socket base: the parts only it knows. */
export interface WskSocketHooks<S extends WskSocketObject = WskSocketObject> {
  /** Options and IOCTLs other than SO_WSK_EVENT_CALLBACK; return a status as a dispatch routine does. */
  control?(
    Socket: S,
    RequestType: WSK_CONTROL_SOCKET_TYPE,
    ControlCode: number,
    Level: number,
    InputSize: number,
    InputBuffer: unknown,
    OutputSize: number,
    OutputBuffer: unknown,
    OutputSizeReturned: Ref<number> | null,
    Irp: IRP | null,
  ): NTSTATUS;
  /** The set of enabled event callbacks changed; deliver what waits from I/O, never from here. */
  eventsChanged?(socket: S, enabled: number, previous: number): void;
  /** Gives back an indication list the client still retained at close. */
  releaseRetained?(socket: S, list: object): void;
  /** Closes the Node handle (aborting a connection not fully closed); close completes after it. */
  closeHandle(socket: S): Promise<void> | void;
  /** The category's counters (`wskit:socket:close` carries them as the socket closes). */
  counters?(socket: S): Readonly<object>;
}

/**
 * What a provider adds to the request when it makes a socket. The hooks receive the socket first, so
 * one hooks object serves every socket of a category.
 */
export interface WskSocketInit<S extends WskSocketObject = WskSocketObject> {
  /** The events this category may enable (WSK_EVENT_RECEIVE_FROM, …). */
  allowedEvents: number;
  /** What the provider does at the shared moments: events changed, a retained list given back at close, the handle closed. */
  hooks: WskSocketHooks<S>;
}

/**
 * `WSK_SOCKET`: a socket object, carrying its provider dispatch as `Dispatch`, so calls go through
 * it exactly as in the pages: `Socket.Dispatch.WskReceiveFrom(Socket, …)`.
 *
 * Provider packages extend this class and keep, through the provider-side functions beside it
 * (checkSocketCall, takeSocketIrp, completeSocketIrp, callSocketEvent, …), the rules every category
 * shares: which calls a dead socket refuses, how pending IRPs are tracked and cancelled at close,
 * how event callbacks are enabled, called one at a time and waited for.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_socket
 */
export abstract class WskSocketObject {
  /** The provider dispatch of this socket's category. */
  abstract readonly Dispatch: WSK_PROVIDER_BASIC_DISPATCH;
  /** @internal */
  readonly [kSocket]: SocketState;

  /**
   * @param request - what WskSocket (or an accept) asked for: the client, context and client dispatch.
   * @param init - the category's events and the provider's hooks.
   */
  protected constructor(request: Pick<WskSocketRequest, "clientState" | "SocketContext" | "Dispatch">, init: WskSocketInit<never>) {
    this[kSocket] = {
      clientState: request.clientState,
      context: request.SocketContext,
      clientDispatch: request.Dispatch,
      allowedEvents: init.allowedEvents,
      hooks: init.hooks as unknown as WskSocketHooks,
      phase: Phase.Open,
      eventMask: request.clientState.staticEvents & init.allowedEvents,
      pending: new PendingIrps(),
      callbackDepth: 0,
      closeWhenIdle: null,
      retained: new Set(),
      closeWatchers: null,
    };
    request.clientState.sockets++;
  }

  /**
   * `await using socket = …`: closes the socket (WskCloseSocket) at the end of the scope, if it is
   * still open, and waits for the close to complete.
   */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this[kSocket].phase !== Phase.Open) return;
    await runIrp((irp) => WskCloseSocket(this, irp));
  }

  /**
   * What `util.inspect` and `console.log` show: the category, what its provider says of it (its
   * addresses) and whether it is open, in one line instead of the pools and queues inside.
   */
  [inspect.custom](_depth: number, options: InspectOptionsStylized, inspectValue: typeof inspect): string {
    const phase = this[kSocket].phase;
    const fields = { ...this.inspectFields(), state: phase === Phase.Open ? "open" : phase === Phase.Closing ? "closing" : "closed" };
    return `${this.constructor.name} ${inspectValue(fields, { ...options, breakLength: Infinity })}`;
  }

  /** What a category shows in `util.inspect` (its addresses, as text). */
  protected inspectFields(): Record<string, unknown> {
    return {};
  }

  /** The context the client passed to WskSocket; event callbacks receive it as SocketContext. */
  get SocketContext(): unknown {
    return this[kSocket].context;
  }
}

/** `WSK_SOCKET` under its header name. */
export type WSK_SOCKET = WskSocketObject;
/** `PWSK_SOCKET`, as the pages' prototypes write it. */
export type PWSK_SOCKET = WskSocketObject;
