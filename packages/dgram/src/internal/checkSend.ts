import {
  IoRejectRequest,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_SUPPORTED,
  STATUS_SUCCESS,
  type IRP,
  type NTSTATUS,
  type SockAddr,
  type WskBuf,
} from "@wskit/core";
import { checkSockAddr } from "@wskit/core/provider";
import type { DatagramSocket } from "../wsk/DatagramSocket";
import { checkDatagramCall, type NO_BUFFER } from "./checkDatagramCall";
import { kDatagram, type DatagramState } from "./datagramState";

/**
 * The checks a send makes: those of every datagram call, then where it goes. Returns the
 * destination (checked: a literal of the socket's family and a port from 1 to 65535, to be read at
 * once, at the call), or the status the call returns (with the IRP completed by it when it was refused).
 */
export function checkSend(
  socket: DatagramSocket,
  irp: IRP,
  api: string,
  flags: number,
  buffer: WskBuf | typeof NO_BUFFER,
  remote: SockAddr | null,
  controlInfoLength: number,
): SockAddr | NTSTATUS {
  const status = checkDatagramCall(socket, irp, api, flags, buffer);
  if (status !== STATUS_SUCCESS) return status;
  const to = destination(socket[kDatagram], remote, controlInfoLength);
  return typeof to === "number" ? IoRejectRequest(irp, to) : to;
}

/** Where a send goes: the per-call address, else the fixed remote, else the fixed destination. */
function destination(state: DatagramState, remote: SockAddr | null | undefined, controlInfoLength: number): SockAddr | NTSTATUS {
  // Control information cannot be sent through node:dgram; a length that is no count at all is bad input.
  if (controlInfoLength !== 0) return Number.isInteger(controlInfoLength) && controlInfoLength > 0 ? STATUS_NOT_SUPPORTED : STATUS_INVALID_PARAMETER;
  const to = remote ?? state.fixedRemote ?? state.sendTo;
  if (to === null) return STATUS_INVALID_PARAMETER;
  const status = checkSockAddr(to, state.family, { portZero: false });
  return status === STATUS_SUCCESS ? to : status;
}
