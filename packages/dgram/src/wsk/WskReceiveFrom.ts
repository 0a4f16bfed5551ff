import { isUint8Array } from "node:util/types";
import {
  IoRejectRequest,
  SockAddr,
  STATUS_BUFFER_OVERFLOW,
  STATUS_INVALID_PARAMETER,
  STATUS_PENDING,
  STATUS_SUCCESS,
  type IRP,
  type NTSTATUS,
  type Ref,
  type WskBuf,
} from "@wskit/core";
import { completeRequestAtOnce, isWritableObject, takeSocketIrp } from "@wskit/core/provider";
import { checkDatagramCall } from "../internal/checkDatagramCall";
import { kDatagram } from "../internal/datagramState";
import {
  dequeue,
  fillReceive,
  RECEIVE_BUFFER,
  controlRequestOf,
  RECEIVE_CONTROL_FLAGS,
  RECEIVE_CONTROL_LENGTH,
  RECEIVE_REMOTE,
  receiveOverflowed,
} from "../internal/receive";
import type { DatagramSocket } from "./DatagramSocket";

/**
 * Receives one datagram into `Buffer`: at once if one is waiting, else when the next arrives
 * (queued receives are served first-in first-out, and before WskReceiveFromEvent). `RemoteAddress`,
 * if given, is filled with the sender; `ControlFlags` with MSG_TRUNC when the datagram was larger
 * than the buffer, in which case the IRP completes with STATUS_BUFFER_OVERFLOW, `Information` the
 * bytes copied, and the rest is discarded; no byte outside the WSK_BUF is ever written.
 * Control information (native engine, once enabled with WskControlSocket: IP_PKTINFO, IP_RECVTTL,
 * IP_RECVTOS, IPV6_PKTINFO, IPV6_HOPLIMIT, IPV6_RECVTCLASS) is copied into `ControlInfo` (a
 * Uint8Array of `ControlInfoLength` bytes on input) as Windows x64 WSACMSGHDR records, and
 * `ControlInfoLength` is set to the bytes written (0 when there are none, always on the node
 * engine). Records that do not fit are left out: MSG_CTRUNC, and STATUS_BUFFER_OVERFLOW with the
 * datagram still delivered.
 *
 * Everything is checked before anything changes: a refused call takes no datagram off the queue.
 *
 * @returns STATUS_PENDING; refused (returned and completed): STATUS_INVALID_PARAMETER (Flags not 0,
 *   a WSK_BUF that is not well formed or null, a RemoteAddress that is not a writable SockAddr, a
 *   control out-parameter that is not a writable object, a ControlInfo that is not a Uint8Array), STATUS_INVALID_DEVICE_STATE (not bound),
 *   STATUS_FILE_FORCED_CLOSED (broken); untouched IRP: STATUS_INVALID_PARAMETER (no IRP),
 *   STATUS_INVALID_HANDLE (closed). Completes with STATUS_SUCCESS, STATUS_BUFFER_OVERFLOW,
 *   STATUS_CANCELLED (IoCancelIrp, close), STATUS_FILE_FORCED_CLOSED (the socket broke) or
 *   STATUS_INVALID_PARAMETER (the client changed the buffer while the receive was pending).
 * @throws ERR_IRP_PENDING for an IRP pending in another call; ERR_IRP_FREED for a freed one.
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_receive_from
 */
export function WskReceiveFrom(
  Socket: DatagramSocket,
  Buffer: WskBuf,
  Flags: number,
  RemoteAddress: SockAddr | null,
  ControlInfoLength: Ref<number> | null,
  ControlInfo: unknown,
  ControlFlags: Ref<number> | null,
  Irp: IRP,
): NTSTATUS {
  const status = checkDatagramCall(Socket, Irp, "WskReceiveFrom", Flags, Buffer);
  if (status !== STATUS_SUCCESS) return status;
  if ((RemoteAddress != null && (!SockAddr.is(RemoteAddress) || !isWritableObject(RemoteAddress))) || !isRefOrNull(ControlInfoLength) || !isRefOrNull(ControlFlags)) {
    return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  }
  // (isUint8Array, not instanceof: that runs a Proxy's getPrototypeOf trap, which may throw.)
  if (ControlInfo != null && !isUint8Array(ControlInfo)) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  // The control buffer's size is ControlInfoLength on input (as in WSK), at most the buffer itself.
  const controlInfo = (ControlInfo ?? null) as Uint8Array | null;
  const capacity = controlInfo === null ? 0 : controlCapacity(ControlInfoLength, controlInfo);
  if (capacity < 0) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  // Accepted: from here on the request changes state.
  const state = Socket[kDatagram];
  const context = Irp.Tail.Overlay.DriverContext;
  context[RECEIVE_BUFFER] = Buffer;
  context[RECEIVE_REMOTE] = RemoteAddress ?? null;
  context[RECEIVE_CONTROL_FLAGS] = ControlFlags ?? null;
  if (controlInfo === null) {
    context[RECEIVE_CONTROL_LENGTH] = ControlInfoLength ?? null;
  } else {
    const request = controlRequestOf(Irp);
    request.length = ControlInfoLength ?? null;
    request.info = controlInfo;
    request.capacity = capacity;
    context[RECEIVE_CONTROL_LENGTH] = request;
  }
  const waiting = dequeue(state);
  if (waiting !== undefined) {
    state.counters.toIrps++;
    const length = waiting.length;
    const from = waiting.remote;
    const copied = fillReceive(state, Irp, waiting.memory, length, from.family, from.address, from.port, waiting.control, 0, waiting.controlLength);
    const overflowed = receiveOverflowed;
    state.pool.free(waiting);
    return completeRequestAtOnce(Irp, overflowed ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS, copied);
  }
  takeSocketIrp(Socket, Irp, cancelReceive);
  state.receives.push(Irp);
  return STATUS_PENDING;
}

// The control buffer's size: ControlInfoLength's value on input, at most the buffer; -1 when
// reading it throws (a hostile getter), so the call is refused before anything changes.
function controlCapacity(length: Ref<number> | null, info: Uint8Array): number {
  try {
    const stated = length?.value;
    return typeof stated === "number" && Number.isInteger(stated) && stated >= 0 ? Math.min(stated, info.byteLength) : info.byteLength;
  } catch {
    return -1;
  }
}

function isRefOrNull(value: unknown): boolean {
  return value === null || value === undefined || isWritableObject(value);
}

// A cancelled receive leaves the queue; a datagram receive moves no bytes before it completes.
function cancelReceive(socket: DatagramSocket, irp: IRP): number {
  socket[kDatagram].receives.remove(irp);
  return 0;
}
