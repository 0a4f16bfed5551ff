import {
  IoRejectRequest,
  STATUS_INVALID_CONNECTION,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_PENDING,
  STATUS_SUCCESS,
  wskBufStatus,
  type IRP,
  type NTSTATUS,
  type WskBuf,
} from "@wskit/core";
import { completeRequestAtOnce, takeSocketIrp } from "@wskit/core/provider";
import { brokenConnectionStatus } from "../internal/brokenConnectionStatus";
import { receiveFlagsStatus } from "../internal/receiveFlagsStatus";
import { isLent, pump, receiveFromBacklog, relend } from "../internal/receive";
import { streamCall } from "../internal/streamCall";
import { kStream, RECEIVE_BUFFER, RECEIVE_FILLED, RECEIVE_FLAGS, StreamPhase } from "../internal/streamState";
import type { ConnectionSocket } from "./ConnectionSocket";
import { ListenSocket } from "./ListenSocket";
import type { StreamSocket } from "./StreamSocket";

/**
 * Receives bytes from a connected socket into `Buffer` (seed 001):
 * - no flag: completes as soon as any data is there, with up to `Length` bytes;
 * - WSK_FLAG_WAITALL: only when the buffer is full, the peer closed gracefully (the bytes so far),
 *   the connection was reset or aborted (an error status), or the IRP is cancelled
 *   (STATUS_CANCELLED, `Information` the bytes so far);
 * - WSK_FLAG_DRAIN (Length must be 0): discards everything received until the peer closes or the
 *   IRP is cancelled;
 * - Length 0 without DRAIN: consumes nothing; completes with 0 bytes as soon as data is there (at
 *   once if some is buffered) or the peer closed.
 * Receives posted together complete in order, each with its own bytes; the end of the peer's stream
 * completes a receive with STATUS_SUCCESS and 0 bytes. Data is read straight into the oldest
 * receive's buffer when nothing is buffered ahead of it.
 *
 * @returns STATUS_PENDING; refused (returned and completed): STATUS_NOT_SUPPORTED (an unknown
 *   flag), STATUS_INVALID_PARAMETER (WAITALL with DRAIN, DRAIN with a Length, a bad WSK_BUF, Flags
 *   not a 32-bit integer),
 *   STATUS_INVALID_DEVICE_STATE (not connected), STATUS_INVALID_CONNECTION (a listening socket),
 *   STATUS_CONNECTION_RESET (the peer reset it, before or after the call), STATUS_FILE_FORCED_CLOSED
 *   (the connection broke otherwise);
 *   untouched IRP: STATUS_INVALID_PARAMETER (no IRP), STATUS_INVALID_HANDLE (closed). Completes
 *   with STATUS_CONNECTION_RESET when the peer resets, STATUS_CONNECTION_ABORTED after an abortive
 *   WskDisconnect, STATUS_CANCELLED when cancelled or closed.
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wsk/nc-wsk-pfn_wsk_receive
 */
export function WskReceive(Socket: ConnectionSocket | StreamSocket, Buffer: WskBuf, Flags: number, Irp: IRP): NTSTATUS {
  const state = streamCall(Socket, Irp, "WskReceive");
  if (typeof state === "number") return state;
  if (wskBufStatus(Buffer) !== STATUS_SUCCESS) return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER);
  const flagsStatus = receiveFlagsStatus(Flags, Buffer.Length);
  if (flagsStatus !== STATUS_SUCCESS) return IoRejectRequest(Irp, flagsStatus);
  // A listening socket has no connection to receive from: STATUS_INVALID_CONNECTION, as AFD says.
  if (Socket instanceof ListenSocket || state.phase === StreamPhase.Listening || state.server !== null) return IoRejectRequest(Irp, STATUS_INVALID_CONNECTION);
  if (state.phase !== StreamPhase.Connected) return IoRejectRequest(Irp, STATUS_INVALID_DEVICE_STATE);
  if (state.brokenStatus !== STATUS_SUCCESS) return IoRejectRequest(Irp, brokenConnectionStatus(state));
  // Satisfied by what is buffered already: no queueing, no cancellation to arm (SPEC §1: the
  // completion still comes from the completion queue).
  const filled = receiveFromBacklog(state, Buffer, Flags);
  if (filled >= 0) return completeRequestAtOnce(Irp, STATUS_SUCCESS, filled);
  const context = Irp.Tail.Overlay.DriverContext;
  context[RECEIVE_BUFFER] = Buffer;
  context[RECEIVE_FLAGS] = Flags;
  context[RECEIVE_FILLED] = 0;
  takeSocketIrp(Socket, Irp, cancelReceive);
  state.receives.push(Irp);
  pump(state);
  return STATUS_PENDING;
}

// A cancelled receive leaves the queue (and stops being the next read's buffer); WAITALL reports
// what it had filled.
function cancelReceive(socket: ConnectionSocket | StreamSocket, irp: IRP): number {
  const state = socket[kStream];
  state.receives.remove(irp);
  if (isLent(state, irp)) relend(state);
  return irp.Tail.Overlay.DriverContext[RECEIVE_FILLED] as number;
}
