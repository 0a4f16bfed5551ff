import { programmerError } from "../errors";
import { queueCompletion } from "./completion";
import { IrpPhase, liveIrpState } from "./irpState";
import { STATUS_PENDING } from "../headers/NTSTATUS";
import type { IRP } from "./IRP";

/** `IO_NO_INCREMENT`: the priority boost a provider passes; Node has no thread priorities. */
export const IO_NO_INCREMENT = 0;

/**
 * Provider side: completes a pending IRP whose `IoStatus` the provider has set. The completion
 * routine runs from the completion queue, after the current call stack has returned.
 *
 * @throws ERR_IRP_NOT_PENDING for an IRP no call took; ERR_IRP_ALREADY_COMPLETED for one completed
 *   already; ERR_IRP_COMPLETED_WITH_PENDING when `IoStatus.Status` is STATUS_PENDING.
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-iocompleterequest
 */
export function IoCompleteRequest(Irp: IRP, PriorityBoost: number = IO_NO_INCREMENT): void {
  void PriorityBoost;
  const state = liveIrpState(Irp, "IoCompleteRequest");
  if (state.phase !== IrpPhase.Pending) {
    throw state.phase === IrpPhase.Idle
      ? programmerError("ERR_IRP_NOT_PENDING", "IoCompleteRequest: no call took this IRP")
      : programmerError("ERR_IRP_ALREADY_COMPLETED", "IoCompleteRequest: the IRP was completed already");
  }
  if (Irp.IoStatus.Status === STATUS_PENDING) {
    throw programmerError("ERR_IRP_COMPLETED_WITH_PENDING", "IoCompleteRequest: IoStatus.Status must be a final status, not STATUS_PENDING");
  }
  state.cancelRoutine = null;
  queueCompletion(Irp);
}
