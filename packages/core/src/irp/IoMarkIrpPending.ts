import { heldIrpState, IrpPhase } from "./irpState";
import type { IRP } from "./IRP";

/**
 * Provider side: takes an IRP for a request the provider accepted. The IRP is pending from here
 * (`PendingReturned` true) until the provider completes it with {@link IoCompleteRequest}; the
 * dispatch routine then returns STATUS_PENDING.
 *
 * @throws ERR_IRP_PENDING when the IRP is already pending in another call; ERR_IRP_FREED when it
 *   was freed; ERR_INVALID_ARG_TYPE when it is not an IRP.
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-iomarkirppending
 */
export function IoMarkIrpPending(Irp: IRP): void {
  const state = heldIrpState(Irp, "IoMarkIrpPending");
  state.phase = IrpPhase.Pending;
  Irp.PendingReturned = true;
}
