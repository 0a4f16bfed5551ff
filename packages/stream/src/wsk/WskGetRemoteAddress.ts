import {
  IoRejectRequest,
  SockAddr,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  type IRP,
  type NTSTATUS,
} from "@wskit/core";
import { completeRequestAtOnce, isWritableObject, writeSockAddr } from "@wskit/core/provider";
import { streamCall } from "../internal/streamCall";
import type { ConnectionSocket } from "./ConnectionSocket";
import type { StreamSocket } from "./StreamSocket";

/**
 * Fills `RemoteAddress` with the address of the connected peer.
 *
 * @returns STATUS_PENDING; refused: STATUS_INVALID_PARAMETER (not a writable SockAddr),
 *   STATUS_INVALID_DEVICE_STATE (not connected); untouched IRP: no IRP, closed.
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_get_remote_address
 */
export function WskGetRemoteAddress(Socket: ConnectionSocket | StreamSocket, RemoteAddress: SockAddr, Irp: IRP): NTSTATUS {
  const state = streamCall(Socket, Irp, "WskGetRemoteAddress");
  if (typeof state === "number") return state;
  if (!SockAddr.is(RemoteAddress) || !isWritableObject(RemoteAddress)) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  if (state.remote === null) return IoRejectRequest(Irp, STATUS_INVALID_DEVICE_STATE);
  // An accessor of the client's that refuses the write: the request fails, nothing is thrown.
  if (!writeSockAddr(RemoteAddress, state.remote)) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  return completeRequestAtOnce(Irp, STATUS_SUCCESS, 0);
}
