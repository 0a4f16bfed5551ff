import { IrpPhase, liveIrpState } from "./irpState";
import type { IRP } from "./IRP";

/**
 * Asks for a pending IRP to be cancelled: sets `Cancel` and calls the provider's cancel routine,
 * which completes the IRP with STATUS_CANCELLED and the bytes moved so far in `Information`.
 * Returns true when a cancel routine was called, false otherwise; on an IRP that is not pending
 * (already completed, or never passed to a call) it has no effect and returns false.
 *
 * @throws ERR_IRP_FREED when the IRP was freed.
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-iocancelirp
 */
export function IoCancelIrp(Irp: IRP): boolean {
  const state = liveIrpState(Irp, "IoCancelIrp");
  if (state.phase !== IrpPhase.Pending) return false;
  Irp.Cancel = true;
  const cancelRoutine = state.cancelRoutine;
  if (cancelRoutine === null) return false;
  state.cancelRoutine = null;
  cancelRoutine(null, Irp);
  return true;
}
