import { type NTSTATUS, STATUS_PENDING } from "../headers/NTSTATUS";
import type { IRP, ULONG_PTR } from "../irp/IRP";
import { IoCompleteRequest } from "../irp/IoCompleteRequest";
import { IoMarkIrpPending } from "../irp/IoMarkIrpPending";

/** Provider side: accepts a request that is done at once; the IRP completes after the call returns STATUS_PENDING. */
export function completeRequestAtOnce(irp: IRP, status: NTSTATUS, information: ULONG_PTR): NTSTATUS {
  IoMarkIrpPending(irp);
  irp.IoStatus.Status = status;
  irp.IoStatus.Information = information;
  IoCompleteRequest(irp);
  return STATUS_PENDING;
}
