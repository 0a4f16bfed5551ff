import type { WskSocketObject } from "./WskSocketObject";
import { kSocket } from "./socketState";

/**
 * Provider side: sets the context and client dispatch of a socket the client received through an
 * event (WskAcceptEvent returns them through its out-parameters after the socket exists).
 */
export function setSocketClient(socket: WskSocketObject, SocketContext: unknown, Dispatch: object | null): void {
  const state = socket[kSocket];
  state.context = SocketContext;
  state.clientDispatch = Dispatch;
}
