import { verifierUntrackRetained } from "../verifier/enableVerifier";
import type { WskSocketObject } from "./WskSocketObject";
import { kSocket } from "./socketState";

/** Provider side: forgets a list given back by WskRelease; false when the socket holds no such list. */
export function releaseSocketList(socket: WskSocketObject, list: object): boolean {
  if (!socket[kSocket].retained.delete(list)) return false;
  verifierUntrackRetained(list);
  return true;
}
