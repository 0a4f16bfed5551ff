// The graceful end of a helper connection at disposal, as Node's `socket.end()`: FIN after the data
// sent; WskCloseSocket then lingers (lingerForPeerEnd) until the peer's end, so that the close is
// orderly, not a reset the peer would see as ECONNRESET.
import { runIrp, STATUS_SUCCESS } from "@wskit/core";
import { isSocketOpen } from "@wskit/core/provider";
import type { ConnectionSocket } from "../wsk/ConnectionSocket";
import { kStream, StreamPhase } from "./streamState";

/** Sends the FIN of a connection that is open and unbroken, once what it sent is out; `timeout` ms at most. */
export async function disconnectForDisposal(socket: ConnectionSocket, timeout: number): Promise<void> {
  const state = socket[kStream];
  if (!isSocketOpen(socket) || state.phase !== StreamPhase.Connected || state.brokenStatus !== STATUS_SUCCESS || state.sendClosed) return;
  await runIrp((irp) => socket.Dispatch.WskDisconnect(socket, null, 0, irp), { signal: AbortSignal.timeout(timeout) });
}
