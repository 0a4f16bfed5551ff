import {
  IoRejectRequest,
  STATUS_INVALID_BUFFER_SIZE,
  STATUS_INVALID_PARAMETER,
  STATUS_PENDING,
  STATUS_SUCCESS,
  takeSocketIrp,
  validateWskBuf,
  verifierWatchSendBuffer,
  wskBufViews,
  type IRP,
  type NTSTATUS,
  type SockAddr,
  type WskBuf,
} from "@wskit/core";
import { checkSend } from "../internal/checkSend";
import { kDatagram } from "../internal/datagramState";
import { beginSend, maxDatagram, sendDatagram } from "../internal/send";
import type { DatagramSocket } from "./DatagramSocket";

/**
 * `WSK_BUF_LIST`: a list of buffers, one datagram each, for WskSendMessages.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/ns-wsk-_wsk_buf_list
 */
export interface WSK_BUF_LIST {
  /** The next datagram to send, or null. */
  Next: WSK_BUF_LIST | null;
  /** The datagram's bytes. */
  Buffer: WskBuf;
}

/**
 * Sends a batch of datagrams to one address with one IRP, which completes once Node has handed all
 * of them to the OS: `Information` is the total bytes, the status that of the first failure, if any.
 * Every buffer is checked first; one too large refuses the whole batch and nothing is sent.
 *
 * @returns as {@link WskSendTo}; STATUS_INVALID_PARAMETER also for an empty list.
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_send_messages
 */
export function WskSendMessages(
  Socket: DatagramSocket,
  BufferList: WSK_BUF_LIST | null,
  Flags: number,
  RemoteAddress: SockAddr | null,
  ControlInfoLength: number,
  ControlInfo: unknown,
  Irp: IRP,
): NTSTATUS {
  void ControlInfo;
  const to = checkSend(Socket, Irp, "WskSendMessages", Flags, null, RemoteAddress, ControlInfoLength);
  if (typeof to === "number") return to;
  const state = Socket[kDatagram];
  let count = 0;
  for (let entry = BufferList; entry !== null && entry !== undefined; entry = entry.Next) {
    if (validateWskBuf(entry.Buffer) !== STATUS_SUCCESS) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
    if (entry.Buffer.Length > maxDatagram(state.family)) return IoRejectRequest(Irp, STATUS_INVALID_BUFFER_SIZE);
    count++;
  }
  if (count === 0) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  takeSocketIrp(Socket, Irp, null);
  beginSend(Irp, count);
  for (let entry = BufferList; entry !== null; entry = entry.Next) {
    verifierWatchSendBuffer(Irp, entry.Buffer);
    sendDatagram(Socket, Irp, wskBufViews(entry.Buffer), to);
  }
  return STATUS_PENDING;
}
