import { heldIrpState, IrpPhase } from "./irpState";
import { untrackIrp } from "../verifier/leakTracker";
import { HOOKS } from "../verifier/verifierState";
import type { IRP } from "./IRP";

/**
 * Frees an IRP the client holds: one it allocated and has not passed to a call, or one whose
 * completion routine is running or has run. After this every use of the IRP is a programmer error.
 *
 * @throws ERR_IRP_PENDING when the IRP is still pending; ERR_IRP_FREED when it was freed already.
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-iofreeirp
 */
export function IoFreeIrp(Irp: IRP): void {
  const state = heldIrpState(Irp, "IoFreeIrp");
  state.phase = IrpPhase.Freed;
  state.completionRoutine = null;
  state.completionContext = undefined;
  state.cancelRoutine = null;
  if (HOOKS && state.allocationSite !== undefined) untrackIrp(state);
}
