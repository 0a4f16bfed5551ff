import { liveIrpState } from "./irpState";
import type { DRIVER_CANCEL, IRP } from "./IRP";

/**
 * Provider side: sets (or, with null, clears) the routine {@link IoCancelIrp} calls for this IRP,
 * and returns the one it replaces. A provider sets one while it queues the IRP and clears it before
 * completing the IRP; a null return when clearing means cancellation already took the routine.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-iosetcancelroutine
 */
export function IoSetCancelRoutine(Irp: IRP, CancelRoutine: DRIVER_CANCEL | null): DRIVER_CANCEL | null {
  const state = liveIrpState(Irp, "IoSetCancelRoutine");
  const previous = state.cancelRoutine;
  state.cancelRoutine = CancelRoutine;
  return previous;
}
