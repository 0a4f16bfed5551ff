import {
  IoRejectRequest,
  SockAddr,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_HANDLE,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  type IRP,
  type NTSTATUS,
} from "@wskit/core";
import { checkSocketCall, completeRequestAtOnce, isWritableObject, writeSockAddr } from "@wskit/core/provider";
import { BindPhase, kDatagram } from "../internal/datagramState";
import type { DatagramSocket } from "./DatagramSocket";

/**
 * Fills `LocalAddress` with the address the socket is bound to (the port the OS picked for a bind
 * to port 0).
 *
 * @returns STATUS_PENDING; refused: STATUS_INVALID_PARAMETER (LocalAddress not a writable SockAddr),
 *   STATUS_INVALID_DEVICE_STATE (not bound); untouched IRP: STATUS_INVALID_PARAMETER (no IRP),
 *   STATUS_INVALID_HANDLE (closed).
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_get_local_address
 */
export function WskGetLocalAddress(Socket: DatagramSocket, LocalAddress: SockAddr, Irp: IRP): NTSTATUS {
  const status = checkSocketCall(Socket, Irp, "WskGetLocalAddress");
  if (status !== STATUS_SUCCESS) return status;
  const state = Socket[kDatagram];
  if (state === undefined) return STATUS_INVALID_HANDLE;
  if (!SockAddr.is(LocalAddress) || !isWritableObject(LocalAddress)) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  if (state.phase !== BindPhase.Bound || state.local === null) return IoRejectRequest(Irp, STATUS_INVALID_DEVICE_STATE);
  // An accessor of the client's that refuses the write: the request fails, nothing is thrown.
  if (!writeSockAddr(LocalAddress, state.local)) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  return completeRequestAtOnce(Irp, STATUS_SUCCESS, 0);
}
