import { liveIrpState } from "../irp/irpState";
import { IoRejectRequest } from "../irp/IoRejectRequest";
import type { IRP } from "../irp/IRP";
import {
  STATUS_BUFFER_TOO_SMALL,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_HANDLE,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_SUPPORTED,
  STATUS_SUCCESS,
  type NTSTATUS,
} from "../headers/NTSTATUS";
import type { Ref } from "../headers/Ref";
import { WSK_EVENT_ACCEPT, WSK_EVENT_DISCONNECT, WSK_EVENT_RECEIVE, WSK_EVENT_RECEIVE_FROM, WSK_EVENT_SEND_BACKLOG, WSK_SET_STATIC_EVENT_CALLBACKS, WSK_TRANSPORT_LIST_QUERY } from "../headers/wsk";
import { clientState, type WskClient } from "./WskClient";
import { socketProviders, type WSK_TRANSPORT } from "./WskRegisterSocketProvider";
import type { WSK_EVENT_CALLBACK_CONTROL } from "./WskControlSocket";

const ALL_EVENTS = WSK_EVENT_RECEIVE_FROM | WSK_EVENT_ACCEPT | WSK_EVENT_SEND_BACKLOG | WSK_EVENT_RECEIVE | WSK_EVENT_DISCONNECT;

/**
 * Client-level control, synchronous (Irp NULL) for the two codes it supports:
 * - WSK_TRANSPORT_LIST_QUERY fills `OutputBuffer` (a `WSK_TRANSPORT[]`) with the transports of the
 *   providers loaded now. Deviation: `OutputSize` and `OutputSizeReturned` count entries, not bytes;
 *   too small a size returns STATUS_BUFFER_TOO_SMALL with the count needed.
 * - WSK_SET_STATIC_EVENT_CALLBACKS (`InputBuffer` a WSK_EVENT_CALLBACK_CONTROL) enables those event
 *   callbacks on every socket created afterwards; only before the client's first socket
 *   (STATUS_INVALID_DEVICE_STATE after).
 * Other codes (security descriptors, TDI mappings) have no meaning over Node: STATUS_NOT_SUPPORTED.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_control_client
 */
export function WskControlClient(
  Client: WskClient,
  ControlCode: number,
  InputSize: number,
  InputBuffer: unknown,
  OutputSize: number,
  OutputBuffer: WSK_TRANSPORT[] | null,
  OutputSizeReturned: Ref<number> | null,
  Irp: IRP | null,
): NTSTATUS {
  void InputSize;
  const state = clientState(Client);
  if (state === undefined || state.phase === "deregistered") return STATUS_INVALID_HANDLE;
  if (Irp !== null && Irp !== undefined) {
    liveIrpState(Irp, "WskControlClient");
    // The supported codes are synchronous: WSK requires a NULL Irp for them.
    const status = ControlCode === WSK_TRANSPORT_LIST_QUERY || ControlCode === WSK_SET_STATIC_EVENT_CALLBACKS ? STATUS_INVALID_PARAMETER : STATUS_NOT_SUPPORTED;
    return IoRejectRequest(Irp, status);
  }
  switch (ControlCode) {
    case WSK_TRANSPORT_LIST_QUERY: {
      const transports = socketProviders().flatMap((provider) => provider.transports);
      if (OutputSizeReturned !== null) OutputSizeReturned.value = transports.length;
      if (!Array.isArray(OutputBuffer)) return STATUS_INVALID_PARAMETER;
      if (OutputSize < transports.length) return STATUS_BUFFER_TOO_SMALL;
      OutputBuffer.length = 0;
      OutputBuffer.push(...transports.map((transport) => ({ ...transport })));
      return STATUS_SUCCESS;
    }
    case WSK_SET_STATIC_EVENT_CALLBACKS: {
      const mask = (InputBuffer as WSK_EVENT_CALLBACK_CONTROL | null)?.EventMask;
      if (typeof mask !== "number" || mask === 0 || (mask & ~ALL_EVENTS) !== 0) return STATUS_INVALID_PARAMETER;
      if (state.sockets > 0) return STATUS_INVALID_DEVICE_STATE;
      state.staticEvents = mask;
      return STATUS_SUCCESS;
    }
    default:
      return STATUS_NOT_SUPPORTED;
  }
}
