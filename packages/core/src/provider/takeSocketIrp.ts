import { STATUS_CANCELLED } from "../headers/NTSTATUS";
import type { IRP } from "../irp/IRP";
import { IoCompleteRequest } from "../irp/IoCompleteRequest";
import { IoMarkIrpPending } from "../irp/IoMarkIrpPending";
import { IoSetCancelRoutine } from "../irp/IoSetCancelRoutine";
import { kIrpState } from "../irp/irpState";
import type { WskSocketObject } from "./WskSocketObject";
import { kSocket } from "./socketState";

/**
 * Provider side: takes an accepted request's IRP. It is pending from here until
 * {@link completeSocketIrp}. With `onCancel`, IoCancelIrp (and WskCloseSocket) cancel it: `onCancel`
 * takes it out of the provider's queue and returns the bytes moved so far, for `Information`.
 * With null it cannot be cancelled (a send already handed to the OS); WskCloseSocket then completes
 * it with STATUS_CANCELLED after the Node handle has closed, if the provider has not by then.
 */
export function takeSocketIrp<S extends WskSocketObject>(socket: S, irp: IRP, onCancel: ((socket: S, irp: IRP) => number) | null): void {
  IoMarkIrpPending(irp);
  socket[kSocket].pending.add(irp);
  if (onCancel === null) return;
  // The socket and handler ride in the IRP's own state, so one static routine serves every IRP.
  const irpState = irp[kIrpState];
  irpState.socket = socket;
  irpState.onSocketCancel = onCancel as (socket: never, irp: IRP) => number;
  IoSetCancelRoutine(irp, cancelSocketIrp);
}

function cancelSocketIrp(_device: null, irp: IRP): void {
  const irpState = irp[kIrpState];
  const socket = irpState.socket as WskSocketObject;
  const onCancel = irpState.onSocketCancel as unknown as (socket: WskSocketObject, irp: IRP) => number;
  irpState.socket = null;
  irpState.onSocketCancel = null;
  socket[kSocket].pending.delete(irp);
  irp.IoStatus.Status = STATUS_CANCELLED;
  irp.IoStatus.Information = onCancel(socket, irp);
  IoCompleteRequest(irp);
}
