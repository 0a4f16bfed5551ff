// A minimal provider built only on core's public provider API (IoMarkIrpPending, IoSetCancelRoutine,
// IoCompleteRequest, IoRejectRequest), to drive IRPs through every path the socket providers use.
import {
  IoCompleteRequest,
  IoMarkIrpPending,
  IoRejectRequest,
  IoSetCancelRoutine,
  STATUS_CANCELLED,
  STATUS_PENDING,
  type IRP,
  type NTSTATUS,
} from "@wskit/core";

/** Takes the IRP and completes it at once (still after the call returns): what a ready receive does. */
export function completeAtOnce(irp: IRP, status: NTSTATUS, information = 0): NTSTATUS {
  IoMarkIrpPending(irp);
  irp.IoStatus.Status = status;
  irp.IoStatus.Information = information;
  IoCompleteRequest(irp);
  return STATUS_PENDING;
}

/** A queue of held requests, cancellable, completed when the test says: what a receive with no data does. */
export class HeldRequests {
  readonly held = new Set<IRP>();
  /** Bytes "moved so far" per IRP, reported on cancel as WAITALL does. */
  readonly progress = new Map<IRP, number>();

  take(irp: IRP): NTSTATUS {
    IoMarkIrpPending(irp);
    this.held.add(irp);
    IoSetCancelRoutine(irp, (_device, cancelled) => {
      this.held.delete(cancelled);
      cancelled.IoStatus.Status = STATUS_CANCELLED;
      cancelled.IoStatus.Information = this.progress.get(cancelled) ?? 0;
      IoCompleteRequest(cancelled);
    });
    return STATUS_PENDING;
  }

  complete(irp: IRP, status: NTSTATUS, information = 0): void {
    // Clearing the cancel routine first is how a provider wins the race against IoCancelIrp.
    if (IoSetCancelRoutine(irp, null) === null) return;
    this.held.delete(irp);
    irp.IoStatus.Status = status;
    irp.IoStatus.Information = information;
    IoCompleteRequest(irp);
  }
}

/** Refuses the request after validation: returns the status and completes the IRP with it. */
export function refuse(irp: IRP, status: NTSTATUS): NTSTATUS {
  return IoRejectRequest(irp, status);
}
