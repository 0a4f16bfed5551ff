import type { WskSocketRequest } from "./WskRegisterSocketProvider";
import type { WskSocketObject } from "./WskSocketObject";
import { kSocket } from "./socketState";

/**
 * Provider side: the request for a socket made on behalf of this one's client (an accepted
 * connection), with the context and client dispatch the accept names.
 */
export function socketRequestFrom(
  socket: WskSocketObject,
  SocketContext: unknown,
  Dispatch: object | null,
): Pick<WskSocketRequest, "clientState" | "SocketContext" | "Dispatch"> {
  return { clientState: socket[kSocket].clientState, SocketContext, Dispatch };
}
