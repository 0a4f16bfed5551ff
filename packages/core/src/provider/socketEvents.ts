import type { WskSocketObject } from "./WskSocketObject";
import { kSocket } from "./socketState";

/** Provider side: the WSK_EVENT_* callbacks enabled now. */
export function socketEvents(socket: WskSocketObject): number {
  return socket[kSocket].eventMask;
}
