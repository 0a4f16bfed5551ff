import {
  IoRejectRequest,
  SockAddr,
  STATUS_INVALID_ADDRESS_COMPONENT,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_SUPPORTED,
  STATUS_SUCCESS,
  type IRP,
  type NTSTATUS,
  type WskBuf,
} from "@wskit/core";
import type { DatagramSocket } from "../wsk/DatagramSocket";
import { checkDatagramCall } from "./checkDatagramCall";
import { kDatagram, type DatagramState } from "./datagramState";

/**
 * The checks a send makes: those of every datagram call, then where it goes. Returns the
 * destination, or the status the call returns (with the IRP completed by it when it was refused).
 */
export function checkSend(
  socket: DatagramSocket,
  irp: IRP,
  api: string,
  flags: number,
  buffer: WskBuf | null,
  remote: SockAddr | null,
  controlInfoLength: number,
): SockAddr | NTSTATUS {
  const status = checkDatagramCall(socket, irp, api, flags, buffer);
  if (status !== STATUS_SUCCESS) return status;
  const to = destination(socket[kDatagram], remote, controlInfoLength);
  return typeof to === "number" ? IoRejectRequest(irp, to) : to;
}

/** Where a send goes: the per-call address, else the fixed remote, else the fixed destination. */
function destination(state: DatagramState, remote: SockAddr | null, controlInfoLength: number): SockAddr | NTSTATUS {
  if (controlInfoLength !== 0) return STATUS_NOT_SUPPORTED;
  const to = remote ?? state.fixedRemote ?? state.sendTo;
  if (!SockAddr.is(to) || to.family !== state.family) return STATUS_INVALID_PARAMETER;
  if (to.port === 0) return STATUS_INVALID_ADDRESS_COMPONENT;
  return to;
}
