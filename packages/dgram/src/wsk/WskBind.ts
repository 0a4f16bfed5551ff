import {
  IoRejectRequest,
  ref,
  STATUS_FILE_FORCED_CLOSED,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_HANDLE,
  STATUS_INVALID_PARAMETER,
  STATUS_PENDING,
  STATUS_SUCCESS,
  type IRP,
  type NTSTATUS,
  type SockAddr,
} from "@wskit/core";
import { checkSocketCall, checkSockAddr, completeSocketIrp, takeSocketIrp } from "@wskit/core/provider";
import { bindSocket } from "../internal/bindSocket";
import { BindPhase, kDatagram } from "../internal/datagramState";
import type { DatagramSocket } from "./DatagramSocket";

/**
 * Binds the socket to a local address; port 0 lets the OS pick a free port (read it back with
 * WskGetLocalAddress). Until the bind completes, sends and receives are refused with
 * STATUS_INVALID_DEVICE_STATE. Binds are exclusive, as on Windows.
 *
 * @returns STATUS_PENDING; refused (returned and completed): STATUS_INVALID_PARAMETER (Flags not 0,
 *   an address that is not a SockAddr of the socket's family), STATUS_INVALID_ADDRESS (an address
 *   that is not a literal of the family), STATUS_INVALID_ADDRESS_COMPONENT (a port that is not an
 *   integer from 0 to 65535), STATUS_INVALID_DEVICE_STATE (bound or binding already); untouched IRP: STATUS_INVALID_PARAMETER (no IRP), STATUS_INVALID_HANDLE
 *   (closed). Completes with STATUS_SUCCESS or the bind's error (STATUS_ADDRESS_ALREADY_EXISTS for
 *   an address in use, STATUS_INVALID_ADDRESS_COMPONENT for one not on this host, STATUS_NOT_SUPPORTED
 *   when the engine asked for (SO_WSKIT_DGRAM_ENGINE native) cannot load, or cannot take an option
 *   set before the bind).
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_bind
 */
export function WskBind(Socket: DatagramSocket, LocalAddress: SockAddr, Flags: number, Irp: IRP): NTSTATUS {
  const status = checkSocketCall(Socket, Irp, "WskBind");
  if (status !== STATUS_SUCCESS) return status;
  const state = Socket[kDatagram];
  if (state === undefined) return STATUS_INVALID_HANDLE;
  if (Flags !== 0) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  const addressStatus = checkSockAddr(LocalAddress, state.family, { portZero: true });
  if (addressStatus !== STATUS_SUCCESS) return IoRejectRequest(Irp, addressStatus);
  if (state.broken) return IoRejectRequest(Irp, STATUS_FILE_FORCED_CLOSED);
  if (state.phase !== BindPhase.Unbound) return IoRejectRequest(Irp, STATUS_INVALID_DEVICE_STATE);
  // Accepted: the address is read now, once; changing the object later has no effect.
  takeSocketIrp(Socket, Irp, null);
  const cause = ref<unknown>(undefined);
  completeSocketIrp(Socket, Irp, bindSocket(Socket, LocalAddress.port, LocalAddress.address, cause), 0, cause.value);
  return STATUS_PENDING;
}
