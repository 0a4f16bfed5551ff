import type { WskSocketObject } from "./WskSocketObject";
import { kSocket, Phase } from "./socketState";

/** Provider side: true while the socket is open (WskCloseSocket not yet called). */
export function isSocketOpen(socket: WskSocketObject): boolean {
  return socket[kSocket].phase === Phase.Open;
}
