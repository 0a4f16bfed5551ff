import {
  IoRejectRequest,
  SockAddr,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  type IRP,
  type NTSTATUS,
  type WskSocketObject,
} from "@wskit/core";
import { completeRequestAtOnce, isWritableObject, writeSockAddr } from "@wskit/core/provider";
import { streamCall } from "../internal/streamCall";

/**
 * Fills `LocalAddress` with the socket's local address: the bound one (a connection socket's port
 * 0 until it connects), the one the OS picked once listening or connected.
 *
 * @returns STATUS_PENDING; refused: STATUS_INVALID_PARAMETER (not a writable SockAddr),
 *   STATUS_INVALID_DEVICE_STATE (not bound); untouched IRP: no IRP, closed.
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_get_local_address
 */
export function WskGetLocalAddress(Socket: WskSocketObject, LocalAddress: SockAddr, Irp: IRP): NTSTATUS {
  const state = streamCall(Socket, Irp, "WskGetLocalAddress");
  if (typeof state === "number") return state;
  if (!SockAddr.is(LocalAddress) || !isWritableObject(LocalAddress)) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  if (state.local === null) return IoRejectRequest(Irp, STATUS_INVALID_DEVICE_STATE);
  // An accessor of the client's that refuses the write: the request fails, nothing is thrown.
  if (!writeSockAddr(LocalAddress, state.local)) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  return completeRequestAtOnce(Irp, STATUS_SUCCESS, 0);
}
