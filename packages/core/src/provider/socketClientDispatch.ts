import type { WskSocketObject } from "./WskSocketObject";
import { kSocket } from "./socketState";

/** Provider side: the client's dispatch for the socket's events (WSK_CLIENT_DATAGRAM_DISPATCH, …). */
export function socketClientDispatch<D extends object>(socket: WskSocketObject): D | null {
  return socket[kSocket].clientDispatch as D | null;
}
