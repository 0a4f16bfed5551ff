import type { WskSocketObject } from "./WskSocketObject";
import { kSocket, Phase } from "./socketState";

/**
 * A wskit extension for layers over the client interface (such as @wskit/rx): calls `listener` once
 * when WskCloseSocket starts on the socket, before pending IRPs are cancelled and retained lists are
 * checked, so the layer can end its streams and give back what it holds. Real WSK has no such
 * notification because the client itself closes the socket; an adapter is not the code that does.
 *
 * @returns a function that stops watching; for a socket closed already, `listener` is not called.
 */
export function watchSocketClose(socket: WskSocketObject, listener: (socket: WskSocketObject) => void): () => void {
  const state = socket[kSocket];
  if (state.phase !== Phase.Open) return () => {};
  const watchers = (state.closeWatchers ??= new Set());
  watchers.add(listener);
  return () => void watchers.delete(listener);
}
