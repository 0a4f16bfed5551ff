// The graceful end of a helper connection at disposal, as Node's `socket.end()`: FIN after the data
// sent, then the socket lingers until the peer's end (bounded), so that its close is orderly, not
// a reset the peer would see as ECONNRESET.
import { createWskBuf, isSocketOpen, NT_SUCCESS, reportCallbackError, runIrp, STATUS_SUCCESS } from "@wskit/core";
import type { ConnectionSocket } from "../wsk/ConnectionSocket";
import { kStream, StreamPhase } from "./streamState";

const DISCARD = createWskBuf(new Uint8Array(16 * 1024));

/**
 * Disconnects `socket` gracefully (its FIN once what it sent is out). Returns true when the socket
 * now lingers, closing itself once the peer's end arrives or `timeout` ms have passed (abortively
 * then); false when the caller is to close it now (the peer ended already, or it is broken).
 */
export async function disposeGracefully(socket: ConnectionSocket, timeout: number): Promise<boolean> {
  const state = socket[kStream];
  if (!isSocketOpen(socket) || state.phase !== StreamPhase.Connected || state.brokenStatus !== STATUS_SUCCESS) return false;
  const signal = AbortSignal.timeout(timeout);
  if (!state.sendClosed) {
    const { Status } = await runIrp((irp) => socket.Dispatch.WskDisconnect(socket, null, 0, irp), { signal });
    if (!NT_SUCCESS(Status)) return false;
  }
  if (state.peerClosed || !isSocketOpen(socket)) return false;
  void linger(socket, signal);
  return true;
}

// What the peer still sends is read and dropped, as a Node socket that ended drops it unread.
async function linger(socket: ConnectionSocket, signal: AbortSignal): Promise<void> {
  const state = socket[kStream];
  try {
    while (!state.peerClosed && !signal.aborted && isSocketOpen(socket)) {
      const { Status, Information } = await runIrp((irp) => socket.Dispatch.WskReceive(socket, DISCARD, 0, irp), { signal });
      if (!NT_SUCCESS(Status) || Information === 0) break;
    }
    if (isSocketOpen(socket)) await runIrp((irp) => socket.Dispatch.WskCloseSocket(socket, irp));
  } catch (error) {
    reportCallbackError("internal", "closing a disposed connection", error);
  }
}
