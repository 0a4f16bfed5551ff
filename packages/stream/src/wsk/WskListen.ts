import { IoRejectRequest, STATUS_INVALID_DEVICE_STATE, STATUS_PENDING, type IRP, type NTSTATUS } from "@wskit/core";
import { takeSocketIrp } from "@wskit/core/provider";
import { streamCall } from "../internal/streamCall";
import { StreamPhase } from "../internal/streamState";
import type { StreamSocket } from "./StreamSocket";
import { listen } from "./WskBind";

/**
 * Makes a bound stream socket (WSK_FLAG_STREAM_SOCKET) a listening one; WskAccept then takes its
 * connections. A stream socket either connects (WskConnect) or listens, not both.
 *
 * @returns STATUS_PENDING; refused (returned and completed): STATUS_INVALID_DEVICE_STATE (not bound,
 *   or connecting, connected or listening already); untouched IRP: STATUS_INVALID_PARAMETER (no
 *   IRP), STATUS_INVALID_HANDLE (closed). Completes with the listen's error
 *   (STATUS_ADDRESS_ALREADY_EXISTS, …).
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_listen
 */
export function WskListen(Socket: StreamSocket, Irp: IRP): NTSTATUS {
  const state = streamCall(Socket, Irp, "WskListen");
  if (typeof state === "number") return state;
  if (state.phase !== StreamPhase.Bound || state.local === null) return IoRejectRequest(Irp, STATUS_INVALID_DEVICE_STATE);
  takeSocketIrp(Socket, Irp, null);
  listen(Socket, state, state.local, Irp);
  return STATUS_PENDING;
}
