// Node calls a write back once it has handed the bytes to the OS (or dropped them). One write can
// carry many sends (a turn's small sends are staged into one), so the outcome is worked out once
// per write and the sends it carried complete in order, each with its own byte count.
import { STATUS_CANCELLED, STATUS_SUCCESS } from "@wskit/core";
import { completeSocketIrp, isSocketOpen, ntStatusFromErrno, reportCallbackError } from "@wskit/core/provider";
import { brokenConnectionStatus } from "./brokenConnectionStatus";
import type { StreamState } from "./streamState";

/** Completes the next `count` sends of `state.sends`, the ones the write just called back carried. */
export function completeWrittenSends(state: StreamState, count: number, error: Error | null | undefined): void {
  const owner = state.owner;
  if (owner === null) {
    // No socket to complete them for any more: the sends this write carried still leave the queue.
    for (let i = 0; i < count; i++) state.sends.shift();
    return;
  }
  const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
  // A send that WskCloseSocket cut short is cancelled (SPEC §1), whatever Node says of it: Node
  // calls back a write it dropped at destroy with no error at all.
  const cut = !isSocketOpen(owner) && state.node?.destroyed === true;
  // A write Node never took (the socket was destroyed first) gets the connection's status.
  const status = cut ? STATUS_CANCELLED : error ? (code === "ERR_STREAM_DESTROYED" ? brokenConnectionStatus(state) : ntStatusFromErrno(code)) : STATUS_SUCCESS;
  const cause = cut ? undefined : (error ?? undefined);
  const counters = state.counters;
  // Completions only queue here (routines run later, from the completion queue), so nothing the
  // outcome depends on changes within the loop.
  for (let i = 0; i < count; i++) {
    const irp = state.sends.shift();
    if (irp === undefined) return;
    const length = irp.Tail.Overlay.DriverContext[0] as number;
    if (status === STATUS_SUCCESS) {
      counters.sendsCompleted++;
      counters.bytesSent += length;
    }
    try {
      completeSocketIrp(owner, irp, status, status === STATUS_SUCCESS ? length : 0, cause);
    } catch (thrown) {
      reportCallbackError("internal", "completing a send", thrown);
    }
  }
}
