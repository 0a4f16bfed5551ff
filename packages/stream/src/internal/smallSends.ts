// Small sends of one event-loop turn, staged into one buffer and handed to Node as one write at the
// end of the turn: Node's per-write work (a Buffer per chunk, its write queue, a callback each) is
// paid once per turn, not per send. Each IRP still completes on its own, in order, with its own
// byte count, when that write completes (or with the connection's status if it never can).
import { reportCallbackError } from "@wskit/core/provider";
import { completeWrittenSends } from "./completeWrittenSends";
import type { StreamState } from "./streamState";

/** Sends up to this size are staged with the others of their turn. */
export const SMALL_SEND_BYTES = 16 * 1024;
// A staging buffer's size: a turn's small sends past it go out as several writes.
const STAGING_BYTES = 64 * 1024;

/** Copies a small send's bytes into the turn's staging buffer (its IRP is already in `sends`). */
export function stageSmallSend(state: StreamState, views: Uint8Array | Uint8Array[], length: number): void {
  if (state.staged !== null && state.stagedBytes + length > state.staged.byteLength) flushSmallSends(state);
  if (state.staged === null) {
    state.staged = state.spareStaging ?? new Uint8Array(Math.max(STAGING_BYTES, length));
    state.spareStaging = null;
    state.stagedBytes = 0;
    state.stagedSends = 0;
    if (!state.flushQueued) {
      state.flushQueued = true;
      process.nextTick(flushAtEndOfTurn, state);
    }
  }
  const staged = state.staged;
  if (Array.isArray(views)) {
    for (const view of views) {
      staged.set(view, state.stagedBytes);
      state.stagedBytes += view.byteLength;
    }
  } else {
    staged.set(views, state.stagedBytes);
    state.stagedBytes += views.byteLength;
  }
  state.stagedSends++;
}

/**
 * Hands what is staged to Node now: before a large send (order), before the end or the destruction
 * of the Node socket (so each staged send completes, as Node calls back every write it was given),
 * and at the end of the turn.
 */
export function flushSmallSends(state: StreamState): void {
  const staged = state.staged;
  const node = state.node;
  if (staged === null || node === null) return;
  const count = state.stagedSends;
  const bytes = state.stagedBytes;
  state.staged = null;
  state.stagedBytes = 0;
  state.stagedSends = 0;
  // A destroyed socket calls the write back with an error and sends nothing; the sends then
  // complete with the connection's status (completeWrittenSends reads it).
  node.write(staged.subarray(0, bytes), (error?: Error | null) => {
    completeWrittenSends(state, count, error);
    if (state.spareStaging === null && staged.byteLength === STAGING_BYTES) state.spareStaging = staged;
  });
}

// Runs from process.nextTick: nothing thrown may escape to Node (SPEC §7).
function flushAtEndOfTurn(state: StreamState): void {
  state.flushQueued = false;
  try {
    flushSmallSends(state);
  } catch (error) {
    reportCallbackError("internal", "sending the small sends of a turn", error);
  }
}
