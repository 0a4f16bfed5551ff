import {
  IoRejectRequest,
  STATUS_CANCELLED,
  STATUS_CONNECTION_ABORTED,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_PENDING,
  STATUS_SUCCESS,
  wskBufStatus,
  WSK_FLAG_ABORTIVE,
  wskBufViews,
  type IRP,
  type NTSTATUS,
  type WskBuf,
} from "@wskit/core";
import { completeRequestAtOnce, completeSocketIrp, isFlagsValue, isSocketOpen, reportCallbackError, takeSocketIrp, publishConnection } from "@wskit/core/provider";
import { failReceives } from "../internal/receive";
import { flushSmallSends } from "../internal/smallSends";
import { streamCall } from "../internal/streamCall";
import { StreamPhase } from "../internal/streamState";
import type { ConnectionSocket } from "./ConnectionSocket";
import type { StreamSocket } from "./StreamSocket";

/**
 * Disconnects. Graceful (Flags 0): sends the optional final `Buffer`, then FIN; completes when they
 * are handed to the OS; receives go on until the peer closes. WSK_FLAG_ABORTIVE: resets the
 * connection at once (Buffer must be null); waiting receives complete with STATUS_CONNECTION_ABORTED.
 *
 * @returns STATUS_PENDING; refused (returned and completed): STATUS_INVALID_PARAMETER (an unknown
 *   flag, a buffer with WSK_FLAG_ABORTIVE, a bad WSK_BUF), STATUS_INVALID_DEVICE_STATE (not
 *   connected, or disconnected already); untouched IRP: STATUS_INVALID_PARAMETER (no IRP),
 *   STATUS_INVALID_HANDLE (closed).
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_disconnect
 */
export function WskDisconnect(Socket: ConnectionSocket | StreamSocket, Buffer: WskBuf | null, Flags: number, Irp: IRP): NTSTATUS {
  const state = streamCall(Socket, Irp, "WskDisconnect");
  if (typeof state === "number") return state;
  if (!isFlagsValue(Flags)) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  const abortive = (Flags & WSK_FLAG_ABORTIVE) !== 0;
  if ((Flags & ~WSK_FLAG_ABORTIVE) !== 0 || (abortive && Buffer != null)) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  if (Buffer != null && wskBufStatus(Buffer) !== STATUS_SUCCESS) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  const node = state.node;
  if (state.phase !== StreamPhase.Connected || node === null || node.destroyed || (state.sendClosed && !abortive)) {
    return IoRejectRequest(Irp, STATUS_INVALID_DEVICE_STATE);
  }
  publishConnection("disconnect", { socket: Socket, local: state.local, remote: state.remote, abortive, by: "local" });
  // What this turn staged goes to Node first, so it is sent before the FIN, or called back at the reset.
  flushSmallSends(state);
  if (abortive) {
    failReceives(state, STATUS_CONNECTION_ABORTED);
    node.resetAndDestroy();
    return completeRequestAtOnce(Irp, STATUS_SUCCESS, 0);
  }
  // Accepted: the final buffer is taken now.
  const views = Buffer != null && Buffer.Length > 0 ? wskBufViews(Buffer) : null;
  const bytes = Buffer?.Length ?? 0;
  state.sendClosed = true;
  takeSocketIrp(Socket, Irp, null);
  if (views !== null) for (const view of Array.isArray(views) ? views : [views]) node.write(view);
  node.end(() => {
    try {
      completeSocketIrp(Socket, Irp, isSocketOpen(Socket) ? STATUS_SUCCESS : STATUS_CANCELLED, bytes);
    } catch (error) {
      reportCallbackError("internal", "completing a disconnect", error);
    }
  });
  return STATUS_PENDING;
}
