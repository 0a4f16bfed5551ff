import { heldIrpState, IrpPhase } from "./irpState";
import { programmerError } from "../errors";
import { isStatusValue } from "../headers/isStatusValue";
import type { NTSTATUS } from "../headers/NTSTATUS";
import type { IRP } from "./IRP";
import { describeValue } from "../describeValue";

/**
 * Makes a completed IRP new again for the next request: `IoStatus = { Status, Information: 0 }`,
 * `Cancel` and `PendingReturned` false, no completion or cancel routine, the driver context cleared.
 * A receive loop reuses one IRP instead of allocating one per request.
 *
 * @param Status - the value `IoStatus.Status` starts with (STATUS_SUCCESS is usual).
 * @throws ERR_IRP_PENDING when the IRP is still pending; ERR_IRP_FREED when it was freed;
 *   ERR_INVALID_ARG_TYPE for a Status that is not a 32-bit integer.
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-ioreuseirp
 */
export function IoReuseIrp(Irp: IRP, Status: NTSTATUS): void {
  const state = heldIrpState(Irp, "IoReuseIrp");
  if (!isStatusValue(Status)) throw programmerError("ERR_INVALID_ARG_TYPE", `IoReuseIrp: Status must be an NTSTATUS (a 32-bit integer); received ${describeValue(Status)}`);
  state.phase = IrpPhase.Idle;
  state.completionRoutine = null;
  state.completionContext = undefined;
  state.invokeOn = 0;
  state.cancelRoutine = null;
  state.socket = null;
  state.onSocketCancel = null;
  state.cause = undefined;
  Irp.IoStatus.Status = Status;
  Irp.IoStatus.Information = 0;
  Irp.Cancel = false;
  Irp.PendingReturned = false;
  const context = Irp.Tail.Overlay.DriverContext;
  context[0] = context[1] = context[2] = context[3] = undefined;
}
