import { verifierTrackRetained } from "../verifier/enableVerifier";
import type { WskSocketObject } from "./WskSocketObject";
import { kSocket } from "./socketState";

/** Provider side: records an indication list the client kept by returning STATUS_PENDING. */
export function retainSocketList(socket: WskSocketObject, list: object): void {
  socket[kSocket].retained.add(list);
  verifierTrackRetained(list);
}
