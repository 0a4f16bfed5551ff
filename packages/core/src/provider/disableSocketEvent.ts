import type { WskSocketObject } from "./WskSocketObject";
import { kSocket } from "./socketState";

/**
 * Provider side: disables an event callback on the provider's own account, as a callback that
 * returns STATUS_DATA_NOT_ACCEPTED does; the client enables it again with SO_WSK_EVENT_CALLBACK.
 */
export function disableSocketEvent(socket: WskSocketObject, event: number): void {
  socket[kSocket].eventMask &= ~event;
}
