import { heldIrpState, IrpPhase } from "./irpState";
import type { NTSTATUS } from "../headers/NTSTATUS";
import type { IRP } from "./IRP";

/**
 * Makes a completed IRP new again for the next request: `IoStatus = { Status, Information: 0 }`,
 * `Cancel` and `PendingReturned` false, no completion or cancel routine, the driver context cleared.
 * A receive loop reuses one IRP instead of allocating one per request.
 *
 * @param Status - the value `IoStatus.Status` starts with (STATUS_SUCCESS is usual).
 * @throws ERR_IRP_PENDING when the IRP is still pending; ERR_IRP_FREED when it was freed.
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-ioreuseirp
 */
export function IoReuseIrp(Irp: IRP, Status: NTSTATUS): void {
  const state = heldIrpState(Irp, "IoReuseIrp");
  state.phase = IrpPhase.Idle;
  state.completionRoutine = null;
  state.completionContext = undefined;
  state.invokeOn = 0;
  state.cancelRoutine = null;
  state.socket = null;
  state.onSocketCancel = null;
  Irp.IoStatus.Status = Status;
  Irp.IoStatus.Information = 0;
  Irp.Cancel = false;
  Irp.PendingReturned = false;
  const context = Irp.Tail.Overlay.DriverContext;
  context[0] = context[1] = context[2] = context[3] = undefined;
}
