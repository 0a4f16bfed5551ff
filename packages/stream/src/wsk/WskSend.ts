import {
  IoRejectRequest,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_SUPPORTED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  wskBufStatus,
  verifierWatchSendBuffer,
  WSK_FLAG_NODELAY,
  wskBufViews,
  type IRP,
  type NTSTATUS,
  type WskBuf,
} from "@wskit/core";
import { completeRequestAtOnce, isFlagsValue, takeSocketIrp } from "@wskit/core/provider";
import { brokenConnectionStatus } from "../internal/brokenConnectionStatus";
import { flushSmallSends, SMALL_SEND_BYTES, stageSmallSend } from "../internal/smallSends";
import { streamCall } from "../internal/streamCall";
import { StreamPhase } from "../internal/streamState";
import type { ConnectionSocket } from "./ConnectionSocket";
import type { StreamSocket } from "./StreamSocket";

/**
 * Sends the bytes of `Buffer` on a connected socket. The IRP completes once Node has handed them to
 * the OS, with `Information` the bytes sent. WSK_FLAG_NODELAY sends without Nagle's delay.
 *
 * @returns STATUS_PENDING; refused (returned and completed): STATUS_NOT_SUPPORTED (a flag other than
 *   WSK_FLAG_NODELAY), STATUS_INVALID_PARAMETER (Flags not a 32-bit integer, a bad WSK_BUF), STATUS_INVALID_DEVICE_STATE (not
 *   connected, or this side disconnected), STATUS_FILE_FORCED_CLOSED (the connection broke);
 *   untouched IRP: STATUS_INVALID_PARAMETER (no IRP), STATUS_INVALID_HANDLE (closed).
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_send
 */
export function WskSend(Socket: ConnectionSocket | StreamSocket, Buffer: WskBuf, Flags: number, Irp: IRP): NTSTATUS {
  const state = streamCall(Socket, Irp, "WskSend");
  if (typeof state === "number") return state;
  if (!isFlagsValue(Flags)) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  if ((Flags & ~WSK_FLAG_NODELAY) !== 0) return IoRejectRequest(Irp, STATUS_NOT_SUPPORTED);
  if (wskBufStatus(Buffer) !== STATUS_SUCCESS) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  if (state.phase !== StreamPhase.Connected || state.sendClosed) return IoRejectRequest(Irp, STATUS_INVALID_DEVICE_STATE);
  const node = state.node;
  if (state.brokenStatus !== STATUS_SUCCESS || node === null || node.destroyed) return IoRejectRequest(Irp, brokenConnectionStatus(state));
  if (Buffer.Length === 0) return completeRequestAtOnce(Irp, STATUS_SUCCESS, 0);
  // Accepted: the views are taken now, so a send whose IRP is queued always reaches Node.
  const views = wskBufViews(Buffer);
  if ((Flags & WSK_FLAG_NODELAY) !== 0) node.setNoDelay(true);
  verifierWatchSendBuffer(Irp, Buffer);
  takeSocketIrp(Socket, Irp, null);
  Irp.Tail.Overlay.DriverContext[0] = Buffer.Length;
  state.sends.push(Irp);
  // Small sends of one turn go to the OS together, as one write at the end of the turn; each IRP
  // still completes on its own, in order. A large send goes as it is, after what was staged.
  if (Buffer.Length <= SMALL_SEND_BYTES) {
    stageSmallSend(state, views, Buffer.Length);
  } else {
    flushSmallSends(state);
    if (Array.isArray(views)) {
      // A chain goes out as consecutive writes; the last one's callback completes the IRP.
      for (let i = 0; i < views.length - 1; i++) node.write(views[i] as Uint8Array);
      node.write(views[views.length - 1] as Uint8Array, state.onWritten);
    } else {
      node.write(views, state.onWritten);
    }
  }
  return STATUS_PENDING;
}

