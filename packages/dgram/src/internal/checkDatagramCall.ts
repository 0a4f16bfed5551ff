import {
  IoRejectRequest,
  STATUS_FILE_FORCED_CLOSED,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_HANDLE,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  wskBufStatus,
  type IRP,
  type NTSTATUS,
  type WskBuf,
} from "@wskit/core";
import { checkSocketCall } from "@wskit/core/provider";
import type { DatagramSocket } from "../wsk/DatagramSocket";
import { BindPhase, kDatagram } from "./datagramState";

/** For calls that take no single WSK_BUF (WskSendMessages checks its list itself). */
export const NO_BUFFER = Symbol("no buffer");

/**
 * The checks every datagram I/O call makes, in WSK's order, before it changes anything: a missing
 * IRP or a dead handle returns with the IRP untouched (a pending or freed IRP is a programmer error,
 * thrown); then flags other than 0, a WSK_BUF that is not well formed (null included), an unbound
 * socket and a broken one are refused (returned, and the IRP completed with the status).
 * STATUS_SUCCESS to go on.
 */
export function checkDatagramCall(socket: DatagramSocket, irp: IRP, api: string, flags: number, buffer: WskBuf | typeof NO_BUFFER): NTSTATUS {
  const status = checkSocketCall(socket, irp, api);
  if (status !== STATUS_SUCCESS) return status;
  const state = socket[kDatagram];
  if (state === undefined) return STATUS_INVALID_HANDLE;
  if (flags !== 0) return IoRejectRequest(irp, STATUS_INVALID_PARAMETER);
  if (buffer !== NO_BUFFER) {
    const bufferStatus = wskBufStatus(buffer);
    if (bufferStatus !== STATUS_SUCCESS) return IoRejectRequest(irp, bufferStatus);
  }
  if (state.phase !== BindPhase.Bound) return IoRejectRequest(irp, STATUS_INVALID_DEVICE_STATE);
  if (state.broken) return IoRejectRequest(irp, STATUS_FILE_FORCED_CLOSED);
  return STATUS_SUCCESS;
}
