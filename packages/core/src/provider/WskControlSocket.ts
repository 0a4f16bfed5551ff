import { type NTSTATUS, STATUS_INVALID_HANDLE, STATUS_INVALID_PARAMETER, STATUS_NOT_SUPPORTED, STATUS_SUCCESS } from "../headers/NTSTATUS";
import type { Ref } from "../headers/Ref";
import { SOL_SOCKET } from "../headers/ws2def";
import { SO_WSK_EVENT_CALLBACK, type WSK_CONTROL_SOCKET_TYPE, WSK_EVENT_ACCEPT, WSK_EVENT_DISABLE, WSK_EVENT_DISCONNECT, WSK_EVENT_RECEIVE, WSK_EVENT_RECEIVE_FROM, WSK_EVENT_SEND_BACKLOG, WskSetOption } from "../headers/wsk";
import type { IRP } from "../irp/IRP";
import { IoRejectRequest } from "../irp/IoRejectRequest";
import { heldIrpState } from "../irp/irpState";
import type { WskSocketObject } from "./WskSocketObject";
import { isFlagsValue } from "./isFlagsValue";
import { Phase, type SocketState, socketState } from "./socketState";

/** `WSK_EVENT_CALLBACK_CONTROL`: the input of SO_WSK_EVENT_CALLBACK. */
export interface WSK_EVENT_CALLBACK_CONTROL {
  /** The NPI of the client interface (NPI_WSK_INTERFACE_ID); ignored by wskit. */
  NpiId?: unknown;
  /** WSK_EVENT_* bits to enable, or one bit OR-ed with WSK_EVENT_DISABLE. */
  EventMask: number;
}

// The client callback each event needs, by its header name.
const EVENT_CALLBACKS: ReadonlyArray<[number, string]> = [
  [WSK_EVENT_RECEIVE_FROM, "WskReceiveFromEvent"],
  [WSK_EVENT_RECEIVE, "WskReceiveEvent"],
  [WSK_EVENT_DISCONNECT, "WskDisconnectEvent"],
  [WSK_EVENT_SEND_BACKLOG, "WskSendBacklogEvent"],
  [WSK_EVENT_ACCEPT, "WskAcceptEvent"],
];

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
    const status = RequestType === WskSetOption && Irp == null ? setEventCallbacks(Socket, state, InputBuffer) : STATUS_INVALID_PARAMETER;
    return Irp == null ? status : IoRejectRequest(Irp, status);
  }
  const control = state.hooks.control;
  if (control === undefined) return Irp == null ? STATUS_NOT_SUPPORTED : IoRejectRequest(Irp, STATUS_NOT_SUPPORTED);
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
