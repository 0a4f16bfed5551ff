import {
  IoRejectRequest,
  SockAddr,
  STATUS_INVALID_ADDRESS_COMPONENT,
  STATUS_INVALID_BUFFER_SIZE,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_SUPPORTED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  takeSocketIrp,
  verifierWatchSendBuffer,
  type IRP,
  type NTSTATUS,
  type WskBuf,
} from "@wskit/core";
import { checkDatagramCall } from "../internal/checkDatagramCall";
import { kDatagram, type DatagramState } from "../internal/datagramState";
import { beginSend, maxDatagram, payloadOf, sendDatagram } from "../internal/send";
import type { DatagramSocket } from "./DatagramSocket";

/**
 * Sends one datagram. The IRP completes when Node has handed it to the OS, with `Information` the
 * bytes sent. A null `RemoteAddress` sends to the fixed remote address (SIO_WSK_SET_REMOTE_ADDRESS),
 * else to the fixed destination (SIO_WSK_SET_SENDTO_ADDRESS).
 *
 * @returns STATUS_PENDING; refused (returned and completed): STATUS_INVALID_PARAMETER (Flags not 0,
 *   a bad WSK_BUF, no address and none fixed, an address of the other family),
 *   STATUS_INVALID_ADDRESS_COMPONENT (port 0), STATUS_INVALID_BUFFER_SIZE (larger than UDP allows;
 *   nothing is sent), STATUS_NOT_SUPPORTED (control information), STATUS_INVALID_DEVICE_STATE (not
 *   bound), STATUS_FILE_FORCED_CLOSED (broken); untouched IRP: STATUS_INVALID_PARAMETER (no IRP),
 *   STATUS_INVALID_HANDLE (closed). Completes with the send's status (errno mapped).
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_send_to
 */
export function WskSendTo(
  Socket: DatagramSocket,
  Buffer: WskBuf,
  Flags: number,
  RemoteAddress: SockAddr | null,
  ControlInfoLength: number,
  ControlInfo: unknown,
  Irp: IRP,
): NTSTATUS {
  void ControlInfo;
  const status = checkDatagramCall(Socket, Irp, "WskSendTo", Flags, Buffer);
  if (status !== STATUS_SUCCESS) return status;
  const state = Socket[kDatagram];
  const to = destination(state, RemoteAddress, ControlInfoLength);
  if (typeof to === "number") return IoRejectRequest(Irp, to);
  if (Buffer.Length > maxDatagram(state.family)) return IoRejectRequest(Irp, STATUS_INVALID_BUFFER_SIZE);
  verifierWatchSendBuffer(Irp, Buffer);
  takeSocketIrp(Socket, Irp, null);
  beginSend(Irp, 1);
  sendDatagram(Socket, Irp, payloadOf(Buffer), to);
  return STATUS_PENDING;
}

/** Where a send goes, or the status that refuses it. */
export function destination(state: DatagramState, remote: SockAddr | null, controlInfoLength: number): SockAddr | NTSTATUS {
  if (controlInfoLength !== 0) return STATUS_NOT_SUPPORTED;
  const to = remote ?? state.fixedRemote ?? state.sendTo;
  if (!SockAddr.is(to) || to.family !== state.family) return STATUS_INVALID_PARAMETER;
  if (to.port === 0) return STATUS_INVALID_ADDRESS_COMPONENT;
  return to;
}
