import { WskVerifierError } from "../errors";
import { heldIrpState, kIrpState } from "../irp/irpState";
import { reportCallbackError } from "../verifier/reportCallbackError";
import { reportViolation } from "../verifier/reportViolation";
import { runIrp } from "../irp/runIrp";
import { HOOKS, verifierActive } from "../verifier/verifierState";
import { verifierTrackRetained, verifierUntrackRetained } from "../verifier/enableVerifier";
import { IoCancelIrp } from "../irp/IoCancelIrp";
import { IoCompleteRequest } from "../irp/IoCompleteRequest";
import { IoMarkIrpPending } from "../irp/IoMarkIrpPending";
import { IoRejectRequest } from "../irp/IoRejectRequest";
import { IoSetCancelRoutine } from "../irp/IoSetCancelRoutine";
import type { IRP, ULONG_PTR } from "../irp/IRP";
import {
  STATUS_CANCELLED,
  STATUS_INVALID_HANDLE,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_SUPPORTED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  type NTSTATUS,
} from "../headers/NTSTATUS";
import type { Ref } from "../headers/Ref";
import { SOL_SOCKET } from "../headers/ws2def";
import {
  SO_WSK_EVENT_CALLBACK,
  WSK_EVENT_ACCEPT,
  WSK_EVENT_DISABLE,
  WSK_EVENT_DISCONNECT,
  WSK_EVENT_RECEIVE,
  WSK_EVENT_RECEIVE_FROM,
  WSK_EVENT_SEND_BACKLOG,
  WskSetOption,
  type WSK_CONTROL_SOCKET_TYPE,
} from "../headers/wsk";
import { settleDeregistration, type WskClientState } from "./WskClient";
import type { WskSocketRequest } from "./WskRegisterSocketProvider";

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

/** `WSK_EVENT_CALLBACK_CONTROL`: the input of SO_WSK_EVENT_CALLBACK. */
export interface WSK_EVENT_CALLBACK_CONTROL {
  /** The NPI of the client interface (NPI_WSK_INTERFACE_ID); ignored by wskit. */
  NpiId?: unknown;
  /** WSK_EVENT_* bits to enable, or one bit OR-ed with WSK_EVENT_DISABLE. */
  EventMask: number;
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

const Phase = { Open: 0, Closing: 1, Closed: 2 } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

interface SocketState {
  clientState: WskClientState;
  /** The context the client passed to WskSocket. */
  context: unknown;
  /** The client's dispatch for this socket's events (WSK_CLIENT_DATAGRAM_DISPATCH, …), or null. */
  clientDispatch: object | null;
  allowedEvents: number;
  hooks: WskSocketHooks;
  phase: Phase;
  eventMask: number;
  pending: Set<IRP>;
  callbackDepth: number;
  closeWhenIdle: (() => void) | null;
  retained: Set<object>;
  closeWatchers: Set<(socket: WskSocketObject) => void> | null;
}

const kSocket = Symbol.for("@wskit/core.WskSocket");

// The client callback each event needs, by its header name.
const EVENT_CALLBACKS: ReadonlyArray<[number, string]> = [
  [WSK_EVENT_RECEIVE_FROM, "WskReceiveFromEvent"],
  [WSK_EVENT_RECEIVE, "WskReceiveEvent"],
  [WSK_EVENT_DISCONNECT, "WskDisconnectEvent"],
  [WSK_EVENT_SEND_BACKLOG, "WskSendBacklogEvent"],
  [WSK_EVENT_ACCEPT, "WskAcceptEvent"],
];

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
      pending: new Set(),
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

  /** The context the client passed to WskSocket; event callbacks receive it as SocketContext. */
  get SocketContext(): unknown {
    return this[kSocket].context;
  }
}

/** The socket state, or undefined for anything that is not a wskit socket. */
function socketState(socket: unknown): SocketState | undefined {
  return (socket as { [kSocket]?: SocketState } | null | undefined)?.[kSocket];
}

// Provider side: the rules every category shares, for the dispatch routines of provider packages.

/**
 * Provider side: the checks at the top of every socket call, made before anything else so that a
 * refused call changes nothing (SPEC §7). STATUS_INVALID_PARAMETER for a missing IRP and
 * STATUS_INVALID_HANDLE for a closed socket (a verifier violation when it is on), both leaving the
 * IRP untouched; STATUS_SUCCESS to go on.
 *
 * @throws ERR_INVALID_ARG_TYPE for an IRP that is not one; ERR_IRP_FREED for a freed IRP;
 *   ERR_IRP_PENDING for one pending in another call (or whose completion is still queued).
 */
export function checkSocketCall(socket: WskSocketObject, irp: IRP | null | undefined, api: string): NTSTATUS {
  if (irp === null || irp === undefined) return STATUS_INVALID_PARAMETER;
  heldIrpState(irp, api);
  const state = socketState(socket);
  if (state === undefined || state.phase !== Phase.Open) {
    if (state !== undefined && HOOKS && verifierActive) {
      reportViolation(new WskVerifierError("ERR_VERIFIER_SOCKET_CLOSED", `${api} after WskCloseSocket`), true);
    }
    return STATUS_INVALID_HANDLE;
  }
  return STATUS_SUCCESS;
}

/**
 * Provider side: true for flags a call may be given at all: a 32-bit integer (a ULONG from 0 to
 * 2³²−1, or the negative int32 JavaScript's `|` makes of one with the top bit set, such as
 * `WSK_EVENT_RECEIVE | WSK_EVENT_DISABLE`). NaN, fractions, strings, objects and wider numbers are not.
 */
export function isFlagsValue(flags: unknown): flags is number {
  return typeof flags === "number" && Number.isInteger(flags) && flags >= -0x8000_0000 && flags <= 0xffff_ffff;
}

/** Provider side: true while the socket is open (WskCloseSocket not yet called). */
export function isSocketOpen(socket: WskSocketObject): boolean {
  return socket[kSocket].phase === Phase.Open;
}

/**
 * Provider side: takes an accepted request's IRP. It is pending from here until
 * {@link completeSocketIrp}. With `onCancel`, IoCancelIrp (and WskCloseSocket) cancel it: `onCancel`
 * takes it out of the provider's queue and returns the bytes moved so far, for `Information`.
 * With null it cannot be cancelled (a send already handed to the OS); WskCloseSocket then completes
 * it with STATUS_CANCELLED after the Node handle has closed, if the provider has not by then.
 */
export function takeSocketIrp<S extends WskSocketObject>(socket: S, irp: IRP, onCancel: ((socket: S, irp: IRP) => number) | null): void {
  IoMarkIrpPending(irp);
  socket[kSocket].pending.add(irp);
  if (onCancel === null) return;
  // The socket and handler ride in the IRP's own state, so one static routine serves every IRP.
  const irpState = irp[kIrpState];
  irpState.socket = socket;
  irpState.onSocketCancel = onCancel as (socket: never, irp: IRP) => number;
  IoSetCancelRoutine(irp, cancelSocketIrp);
}

function cancelSocketIrp(_device: null, irp: IRP): void {
  const irpState = irp[kIrpState];
  const socket = irpState.socket as WskSocketObject;
  const onCancel = irpState.onSocketCancel as unknown as (socket: WskSocketObject, irp: IRP) => number;
  irpState.socket = null;
  irpState.onSocketCancel = null;
  socket[kSocket].pending.delete(irp);
  irp.IoStatus.Status = STATUS_CANCELLED;
  irp.IoStatus.Information = onCancel(socket, irp);
  IoCompleteRequest(irp);
}

/**
 * Provider side: completes a taken IRP. Returns false when it was completed already (cancelled, or
 * forced at close), so the provider must not consume data for it.
 */
export function completeSocketIrp(socket: WskSocketObject, irp: IRP, status: NTSTATUS, information: ULONG_PTR): boolean {
  if (!socket[kSocket].pending.delete(irp)) return false;
  IoSetCancelRoutine(irp, null);
  const irpState = irp[kIrpState];
  irpState.socket = null;
  irpState.onSocketCancel = null;
  irp.IoStatus.Status = status;
  irp.IoStatus.Information = information;
  IoCompleteRequest(irp);
  return true;
}

/** Provider side: accepts a request that is done at once; the IRP completes after the call returns STATUS_PENDING. */
export function completeRequestAtOnce(irp: IRP, status: NTSTATUS, information: ULONG_PTR): NTSTATUS {
  IoMarkIrpPending(irp);
  irp.IoStatus.Status = status;
  irp.IoStatus.Information = information;
  IoCompleteRequest(irp);
  return STATUS_PENDING;
}

/**
 * Provider side: calls an event callback of the client. Callbacks run one at a time; a
 * WskCloseSocket made from inside one waits until it returns. A callback that throws is caught and
 * reported (SPEC §7: a process warning WSKIT_CALLBACK_THREW, and the verifier), and `ifThrown` is
 * returned in its place (STATUS_SUCCESS for a receive event: its list goes back to the pool).
 */
export function callSocketEvent<R>(socket: WskSocketObject, callback: () => R, ifThrown: R): R {
  const state = socket[kSocket];
  state.callbackDepth++;
  try {
    return callback();
  } catch (error) {
    reportCallbackError("callback", "an event callback", error);
    return ifThrown;
  } finally {
    state.callbackDepth--;
    if (state.callbackDepth === 0 && state.closeWhenIdle !== null) {
      const close = state.closeWhenIdle;
      state.closeWhenIdle = null;
      queueMicrotask(close);
    }
  }
}

/**
 * Provider side: the request for a socket made on behalf of this one's client (an accepted
 * connection), with the context and client dispatch the accept names.
 */
export function socketRequestFrom(
  socket: WskSocketObject,
  SocketContext: unknown,
  Dispatch: object | null,
): Pick<WskSocketRequest, "clientState" | "SocketContext" | "Dispatch"> {
  return { clientState: socket[kSocket].clientState, SocketContext, Dispatch };
}

/**
 * A wskit extension for layers over the client interface (such as @wskit/rx): calls `listener` once
 * when WskCloseSocket starts on the socket, before pending IRPs are cancelled and retained lists are
 * checked, so the layer can end its streams and give back what it holds. Real WSK has no such
 * notification because the client itself closes the socket; an adapter is not the code that does.
 *
 * @returns a function that stops watching; for a socket closed already, `listener` is not called.
 */
export function watchSocketClose(socket: WskSocketObject, listener: (socket: WskSocketObject) => void): () => void {
  const state = socket[kSocket];
  if (state.phase !== Phase.Open) return () => {};
  const watchers = (state.closeWatchers ??= new Set());
  watchers.add(listener);
  return () => void watchers.delete(listener);
}

/**
 * Provider side: sets the context and client dispatch of a socket the client received through an
 * event (WskAcceptEvent returns them through its out-parameters after the socket exists).
 */
export function setSocketClient(socket: WskSocketObject, SocketContext: unknown, Dispatch: object | null): void {
  const state = socket[kSocket];
  state.context = SocketContext;
  state.clientDispatch = Dispatch;
}

/** Provider side: the WSK_EVENT_* callbacks enabled now. */
export function socketEvents(socket: WskSocketObject): number {
  return socket[kSocket].eventMask;
}

/** Provider side: the client's dispatch for the socket's events (WSK_CLIENT_DATAGRAM_DISPATCH, …). */
export function socketClientDispatch<D extends object>(socket: WskSocketObject): D | null {
  return socket[kSocket].clientDispatch as D | null;
}

/**
 * Provider side: disables an event callback on the provider's own account, as a callback that
 * returns STATUS_DATA_NOT_ACCEPTED does; the client enables it again with SO_WSK_EVENT_CALLBACK.
 */
export function disableSocketEvent(socket: WskSocketObject, event: number): void {
  socket[kSocket].eventMask &= ~event;
}

/** Provider side: records an indication list the client kept by returning STATUS_PENDING. */
export function retainSocketList(socket: WskSocketObject, list: object): void {
  socket[kSocket].retained.add(list);
  verifierTrackRetained(list);
}

/** Provider side: forgets a list given back by WskRelease; false when the socket holds no such list. */
export function releaseSocketList(socket: WskSocketObject, list: object): boolean {
  if (!socket[kSocket].retained.delete(list)) return false;
  verifierUntrackRetained(list);
  return true;
}

/**
 * Sets or gets a socket option, or runs an IOCTL. SO_WSK_EVENT_CALLBACK (WskSetOption, SOL_SOCKET,
 * no IRP) enables any combination of the category's event callbacks, or disables one
 * (`event | WSK_EVENT_DISABLE`), and returns its status directly; every other request goes to the
 * socket's provider and completes through the IRP.
 *
 * @returns STATUS_SUCCESS, STATUS_PENDING, STATUS_INVALID_PARAMETER (an event this category has
 *   not, a client dispatch without its callback, two events with WSK_EVENT_DISABLE),
 *   STATUS_NOT_SUPPORTED (an option the provider has not), STATUS_INVALID_HANDLE (closed).
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_control_socket
 */
export function WskControlSocket(
  Socket: WskSocketObject,
  RequestType: WSK_CONTROL_SOCKET_TYPE,
  ControlCode: number,
  Level: number,
  InputSize: number,
  InputBuffer: unknown,
  OutputSize: number,
  OutputBuffer: unknown,
  OutputSizeReturned: Ref<number> | null,
  Irp: IRP | null,
): NTSTATUS {
  // A pending IRP is refused before anything changes (SPEC §7).
  if (Irp !== null && Irp !== undefined) heldIrpState(Irp, "WskControlSocket");
  const state = socketState(Socket);
  if (state === undefined || state.phase !== Phase.Open) return STATUS_INVALID_HANDLE;
  if (ControlCode === SO_WSK_EVENT_CALLBACK && Level === SOL_SOCKET) {
    const status = RequestType === WskSetOption && Irp === null ? setEventCallbacks(Socket, state, InputBuffer) : STATUS_INVALID_PARAMETER;
    return Irp === null ? status : IoRejectRequest(Irp, status);
  }
  const control = state.hooks.control;
  if (control === undefined) return Irp === null ? STATUS_NOT_SUPPORTED : IoRejectRequest(Irp, STATUS_NOT_SUPPORTED);
  return control(Socket, RequestType, ControlCode, Level, InputSize, InputBuffer, OutputSize, OutputBuffer, OutputSizeReturned, Irp);
}

function setEventCallbacks(socket: WskSocketObject, state: SocketState, input: unknown): NTSTATUS {
  const mask = (input as WSK_EVENT_CALLBACK_CONTROL | null)?.EventMask;
  if (!isFlagsValue(mask)) return STATUS_INVALID_PARAMETER;
  const previous = state.eventMask;
  if ((mask & WSK_EVENT_DISABLE) !== 0) {
    const event = (mask & ~WSK_EVENT_DISABLE) >>> 0;
    // Disabling takes exactly one event the category has.
    if (event === 0 || (event & (event - 1)) !== 0 || (event & state.allowedEvents) === 0) return STATUS_INVALID_PARAMETER;
    state.eventMask &= ~event;
  } else {
    if (mask === 0 || (mask & ~state.allowedEvents) !== 0) return STATUS_INVALID_PARAMETER;
    for (const [event, callback] of EVENT_CALLBACKS) {
      if ((mask & event) !== 0 && typeof (state.clientDispatch as Record<string, unknown> | null)?.[callback] !== "function") {
        return STATUS_INVALID_PARAMETER;
      }
    }
    state.eventMask |= mask;
  }
  if (state.eventMask !== previous) state.hooks.eventsChanged?.(socket, state.eventMask, previous);
  return STATUS_SUCCESS;
}

/**
 * Closes a socket: every pending IRP of it completes with STATUS_CANCELLED, a callback in progress
 * is waited for, indication lists still retained are reported and given back, the Node handle is
 * closed (a connection not fully closed is aborted), then the IRP completes with STATUS_SUCCESS.
 * Every later call on the socket returns STATUS_INVALID_HANDLE.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_close_socket
 */
export function WskCloseSocket(Socket: WskSocketObject, Irp: IRP): NTSTATUS {
  if (Irp === null || Irp === undefined) return STATUS_INVALID_PARAMETER;
  const state = socketState(Socket);
  heldIrpState(Irp, "WskCloseSocket");
  if (state === undefined || state.phase !== Phase.Open) {
    if (state !== undefined && HOOKS && verifierActive) {
      reportViolation(new WskVerifierError("ERR_VERIFIER_SOCKET_CLOSED", "WskCloseSocket called twice"), true);
    }
    return STATUS_INVALID_HANDLE;
  }
  IoMarkIrpPending(Irp);
  state.phase = Phase.Closing;
  const close = () => void finishClose(Socket, state, Irp);
  if (state.callbackDepth > 0) state.closeWhenIdle = close;
  else close();
  return STATUS_PENDING;
}

async function finishClose(socket: WskSocketObject, state: SocketState, irp: IRP): Promise<void> {
  if (state.closeWatchers !== null) {
    const watchers = [...state.closeWatchers];
    state.closeWatchers = null;
    for (const watcher of watchers) {
      try {
        watcher(socket);
      } catch (error) {
        reportCallbackError("callback", "a watchSocketClose listener", error);
      }
    }
  }
  // Cancellable requests complete now; the others (sends in the OS) when the handle closes below.
  for (const pending of [...state.pending]) IoCancelIrp(pending);
  if (state.retained.size > 0) {
    const count = state.retained.size;
    for (const list of state.retained) {
      verifierUntrackRetained(list);
      try {
        state.hooks.releaseRetained?.(socket, list);
      } catch (error) {
        reportCallbackError("internal", "giving back a retained list at close", error);
      }
    }
    state.retained.clear();
    const detail = `${count} indication list(s) still retained at WskCloseSocket; call WskRelease before closing`;
    process.emitWarning(detail, { code: "WSKIT_RETAINED_AT_CLOSE" });
    // Found in an asynchronous step: reported, never thrown, and the close still completes.
    if (HOOKS && verifierActive) reportViolation(new WskVerifierError("ERR_VERIFIER_INDICATION_LEAKED", detail));
  }
  state.eventMask = 0;
  let status: NTSTATUS = STATUS_SUCCESS;
  try {
    await state.hooks.closeHandle(socket);
  } catch {
    // The handle is gone either way; close still succeeds, as WskCloseSocket always does.
    status = STATUS_SUCCESS;
  }
  // Whatever the provider did not complete while its handle closed completes now: no IRP is left.
  for (const pending of state.pending) {
    IoSetCancelRoutine(pending, null);
    pending.IoStatus.Status = STATUS_CANCELLED;
    pending.IoStatus.Information = 0;
    IoCompleteRequest(pending);
  }
  state.pending.clear();
  state.phase = Phase.Closed;
  state.clientState.sockets--;
  settleDeregistration(state.clientState);
  irp.IoStatus.Status = status;
  irp.IoStatus.Information = 0;
  IoCompleteRequest(irp);
}

/** `WSK_SOCKET` under its header name. */
export type WSK_SOCKET = WskSocketObject;
/** `PWSK_SOCKET`, as the pages' prototypes write it. */
export type PWSK_SOCKET = WskSocketObject;
