import { liveIrpState } from "./irpState";
import type { IRP } from "./IRP";

/**
 * Provider side: records the error behind the status an IRP is about to complete with (the Node
 * system error), for a provider that completes it with IoCompleteRequest rather than
 * completeSocketIrp. runIrp hands it on as `cause`, and the helpers as their error's `cause`.
 */
export function setIrpCause(irp: IRP, cause: unknown): void {
  liveIrpState(irp, "setIrpCause").cause = cause;
}
