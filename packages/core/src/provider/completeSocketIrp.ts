import type { NTSTATUS } from "../headers/NTSTATUS";
import type { IRP, ULONG_PTR } from "../irp/IRP";
import { IoCompleteRequest } from "../irp/IoCompleteRequest";
import { IoSetCancelRoutine } from "../irp/IoSetCancelRoutine";
import { kIrpState } from "../irp/irpState";
import type { WskSocketObject } from "./WskSocketObject";
import { kSocket } from "./socketState";

/**
 * Provider side: completes a taken IRP. Returns false when it was completed already (cancelled, or
 * forced at close), so the provider must not consume data for it. `cause` is the error behind a
 * failure (the Node system error): the idiomatic helpers hand it on as their error's `cause`.
 */
export function completeSocketIrp(socket: WskSocketObject, irp: IRP, status: NTSTATUS, information: ULONG_PTR, cause?: unknown): boolean {
  if (!socket[kSocket].pending.delete(irp)) return false;
  IoSetCancelRoutine(irp, null);
  const irpState = irp[kIrpState];
  irpState.socket = null;
  irpState.onSocketCancel = null;
  irpState.cause = cause;
  irp.IoStatus.Status = status;
  irp.IoStatus.Information = information;
  IoCompleteRequest(irp);
  return true;
}
