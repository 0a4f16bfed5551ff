import type { TransportSocket } from "./transport";
import { discardBacklog, resumeIfRoom } from "./receive";
import type { StreamState } from "./streamState";

/**
 * At the close of a helper connection that sent its FIN: waits for the peer's end, `timeout` ms at
 * most, dropping what the peer still sends (as a Node socket that ended drops it unread), so the
 * close that follows is orderly when the peer ends in time and a reset when it does not.
 */
export async function lingerForPeerEnd(state: StreamState, node: TransportSocket, timeout: number): Promise<void> {
  state.lingering = true;
  discardBacklog(state);
  resumeIfRoom(state);
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      node.off("end", done);
      node.off("close", done);
      resolve();
    };
    const timer = setTimeout(done, timeout);
    node.once("end", done);
    node.once("close", done);
  });
}
