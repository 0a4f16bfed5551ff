import { programmerError } from "../errors";
import { queueCompletion } from "./completion";
import { heldIrpState } from "./irpState";
import { isStatusValue } from "../headers/isStatusValue";
import { STATUS_PENDING, type NTSTATUS } from "../headers/NTSTATUS";
import type { IRP } from "./IRP";
import { debugEnabled, debugRefusal } from "../diagnostics/publish";
import { ntStatusName } from "../headers/ntStatusName";
import { describeValue } from "../describeValue";

/**
 * Provider side: refuses a request that failed validation, as WSK does: the IRP completes with
 * `Status` and Information 0 (its routine runs after the call returns), and the status is returned
 * so a dispatch routine can `return IoRejectRequest(Irp, STATUS_INVALID_PARAMETER)`.
 *
 * Only a missing IRP or a dead handle leaves the IRP untouched; those return their status without
 * calling this.
 *
 * @throws ERR_IRP_PENDING when the IRP is pending in another call; ERR_IRP_FREED when it was freed;
 *   ERR_IRP_COMPLETED_WITH_PENDING when Status is STATUS_PENDING.
 */
export function IoRejectRequest(Irp: IRP, Status: NTSTATUS): NTSTATUS {
  heldIrpState(Irp, "IoRejectRequest");
  if (!isStatusValue(Status)) throw programmerError("ERR_INVALID_ARG_TYPE", `IoRejectRequest: Status must be an NTSTATUS (a 32-bit integer); received ${describeValue(Status)}`);
  if (Status === STATUS_PENDING) {
    throw programmerError("ERR_IRP_COMPLETED_WITH_PENDING", "IoRejectRequest: Status must be a final status, not STATUS_PENDING");
  }
  Irp.IoStatus.Status = Status;
  Irp.IoStatus.Information = 0;
  Irp.PendingReturned = false;
  if (debugEnabled) debugRefusal("a request", ntStatusName(Status));
  queueCompletion(Irp);
  return Status;
}
