import {
  checkSocketCall,
  IoRejectRequest,
  STATUS_FILE_FORCED_CLOSED,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_HANDLE,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  validateWskBuf,
  type IRP,
  type NTSTATUS,
  type WskBuf,
} from "@wskit/core";
import type { DatagramSocket } from "../wsk/DatagramSocket";
import { BindPhase, kDatagram } from "./datagramState";

/**
 * The checks every datagram I/O call makes, in WSK's order: a missing IRP or a dead handle returns
 * with the IRP untouched; then flags other than 0, a malformed WSK_BUF, an unbound socket and a
 * broken one are refused (returned, and the IRP completed with the status). STATUS_SUCCESS to go on.
 */
export function checkDatagramCall(socket: DatagramSocket, irp: IRP, api: string, flags: number, buffer: WskBuf | null): NTSTATUS {
  const status = checkSocketCall(socket, irp, api);
  if (status !== STATUS_SUCCESS) return status;
  const state = socket[kDatagram];
  if (state === undefined) return STATUS_INVALID_HANDLE;
  if (flags !== 0) return IoRejectRequest(irp, STATUS_INVALID_PARAMETER);
  if (buffer !== null) {
    const bufferStatus = validateWskBuf(buffer);
    if (bufferStatus !== STATUS_SUCCESS) return IoRejectRequest(irp, bufferStatus);
  }
  if (state.phase !== BindPhase.Bound) return IoRejectRequest(irp, STATUS_INVALID_DEVICE_STATE);
  if (state.broken) return IoRejectRequest(irp, STATUS_FILE_FORCED_CLOSED);
  return STATUS_SUCCESS;
}
