import {
  IoRejectRequest,
  STATUS_INVALID_BUFFER_SIZE,
  STATUS_PENDING,
  verifierWatchSendBuffer,
  wskBufViews,
  type IRP,
  type NTSTATUS,
  type SockAddr,
  type WskBuf,
} from "@wskit/core";
import { takeSocketIrp } from "@wskit/core/provider";
import { checkSend } from "../internal/checkSend";
import { kDatagram } from "../internal/datagramState";
import { beginSend, maxDatagram, sendDatagram } from "../internal/send";
import type { DatagramSocket } from "./DatagramSocket";

/**
 * Sends one datagram. The IRP completes when Node has handed it to the OS, with `Information` the
 * bytes sent. A null `RemoteAddress` sends to the fixed remote address (SIO_WSK_SET_REMOTE_ADDRESS),
 * else to the fixed destination (SIO_WSK_SET_SENDTO_ADDRESS).
 *
 * @returns STATUS_PENDING; refused (returned and completed): STATUS_INVALID_PARAMETER (Flags not 0,
 *   a bad WSK_BUF, no address and none fixed, an address of the other family),
 *   STATUS_INVALID_ADDRESS (an address that is not a literal of the family),
 *   STATUS_INVALID_ADDRESS_COMPONENT (a port that is 0 or not an integer up to 65535; the address is
 *   read at the call, so changing it afterwards has no effect), STATUS_INVALID_BUFFER_SIZE (larger than UDP allows;
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
  const to = checkSend(Socket, Irp, "WskSendTo", Flags, Buffer, RemoteAddress, ControlInfoLength);
  if (typeof to === "number") return to;
  if (Buffer.Length > maxDatagram(Socket[kDatagram].family)) return IoRejectRequest(Irp, STATUS_INVALID_BUFFER_SIZE);
  const payload = wskBufViews(Buffer);
  verifierWatchSendBuffer(Irp, Buffer);
  takeSocketIrp(Socket, Irp, null);
  beginSend(Irp, 1);
  sendDatagram(Socket, Irp, payload, to.port, to.address);
  return STATUS_PENDING;
}
