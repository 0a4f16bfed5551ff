import {
  IoRejectRequest,
  MAX_MDL_CHAIN_LENGTH,
  STATUS_INVALID_BUFFER_SIZE,
  STATUS_INVALID_PARAMETER,
  STATUS_PENDING,
  STATUS_SUCCESS,
  verifierWatchSendBuffer,
  wskBufStatus,
  wskBufViews,
  type IRP,
  type NTSTATUS,
  type SockAddr,
  type WskBuf,
} from "@wskit/core";
import { takeSocketIrp } from "@wskit/core/provider";
import { NO_BUFFER } from "../internal/checkDatagramCall";
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

/** The most datagrams one WskSendMessages takes: the list is walked this far at most. */
export const MAX_SEND_MESSAGES = MAX_MDL_CHAIN_LENGTH;

// The checked list of the call in progress: walked once, then sent from here (calls do not nest).
const entries: WskBuf[] = [];

/**
 * Sends a batch of datagrams to one address with one IRP, which completes once Node has handed all
 * of them to the OS: `Information` is the total bytes, the status that of the first failure, if any.
 * The whole list is checked first (every entry, its buffer, and the list's shape: no cycle, at most
 * {@link MAX_SEND_MESSAGES} entries, each `Next` null or another entry); anything wrong refuses the
 * whole batch and nothing is sent.
 *
 * @returns as {@link WskSendTo}; STATUS_INVALID_PARAMETER also for an empty or malformed list.
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
  const to = checkSend(Socket, Irp, "WskSendMessages", Flags, NO_BUFFER, RemoteAddress, ControlInfoLength);
  if (typeof to === "number") return to;
  const status = collect(BufferList, maxDatagram(Socket[kDatagram].family));
  if (status !== STATUS_SUCCESS) {
    entries.length = 0;
    return IoRejectRequest(Irp, status);
  }
  const { port, address } = to;
  takeSocketIrp(Socket, Irp, null);
  beginSend(Irp, entries.length);
  for (const buffer of entries) {
    verifierWatchSendBuffer(Irp, buffer);
    sendDatagram(Socket, Irp, wskBufViews(buffer), port, address);
  }
  entries.length = 0;
  return STATUS_PENDING;
}

// Walks the list into `entries`, bounded (a cycle runs into the bound), checking every entry; a
// client's accessor that throws refuses the list (the caller then empties `entries`).
function collect(list: WSK_BUF_LIST | null, maxBytes: number): NTSTATUS {
  try {
    return collectEntries(list, maxBytes);
  } catch {
    return STATUS_INVALID_PARAMETER;
  }
}

function collectEntries(list: WSK_BUF_LIST | null, maxBytes: number): NTSTATUS {
  let tooLarge = false;
  for (let entry: unknown = list; entry !== null; entry = (entry as WSK_BUF_LIST).Next) {
    if (typeof entry !== "object" || entries.length === MAX_SEND_MESSAGES) return STATUS_INVALID_PARAMETER;
    const buffer = (entry as WSK_BUF_LIST).Buffer;
    if (wskBufStatus(buffer) !== STATUS_SUCCESS) return STATUS_INVALID_PARAMETER;
    if (buffer.Length > maxBytes) tooLarge = true;
    entries.push(buffer);
  }
  if (entries.length === 0) return STATUS_INVALID_PARAMETER;
  return tooLarge ? STATUS_INVALID_BUFFER_SIZE : STATUS_SUCCESS;
}
