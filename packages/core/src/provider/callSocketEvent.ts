import { reportCallbackError } from "../verifier/reportCallbackError";
import type { WskSocketObject } from "./WskSocketObject";
import { kSocket } from "./socketState";

/**
 * Provider side: calls an event callback of the client. Callbacks run one at a time; a
 * WskCloseSocket made from inside one waits until it returns. A callback that throws is caught and
 * reported (a process warning WSKIT_CALLBACK_THREW, and the verifier), and `ifThrown` is
 * returned in its place (STATUS_SUCCESS for a receive event: its list goes back to the pool).
 */
export function callSocketEvent<R>(socket: WskSocketObject, callback: () => R, ifThrown: R): R {
  const state = socket[kSocket];
  state.callbackDepth++;
  try {
    return callback();
  } catch (error) {
    reportCallbackError("callback", "an event callback", error);
    return ifThrown;
  } finally {
    state.callbackDepth--;
    if (state.callbackDepth === 0 && state.closeWhenIdle !== null) {
      const close = state.closeWhenIdle;
      state.closeWhenIdle = null;
      queueMicrotask(close);
    }
  }
}
