import { WskCloseSocket } from "./WskCloseSocket";
import { WskControlSocket } from "./WskControlSocket";
import { WskSocketObject, type WSK_PROVIDER_BASIC_DISPATCH } from "./WskSocketObject";
import type { WskSocketRequest } from "./WskRegisterSocketProvider";

const BASIC_DISPATCH: WSK_PROVIDER_BASIC_DISPATCH = Object.freeze({ WskControlSocket, WskCloseSocket });

/**
 * A basic socket (WSK_FLAG_BASIC_SOCKET): no I/O and no event callbacks, only WskControlSocket
 * (which refuses every option with STATUS_NOT_SUPPORTED: Node has no handle to apply one to) and
 * WskCloseSocket. Core makes these itself; every other category comes from a provider package.
 */
export class BasicSocket extends WskSocketObject {
  readonly Dispatch = BASIC_DISPATCH;

  /** @internal Made by WskSocket. */
  constructor(request: WskSocketRequest) {
    super(request, { allowedEvents: 0, hooks: { closeHandle: () => {} } });
  }
}
