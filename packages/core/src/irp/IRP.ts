import { IrpPhase, kIrpState, type IrpState } from "./irpState";
import { disposeIrp } from "./disposeIrp";
import type { NTSTATUS } from "../headers/NTSTATUS";

/**
 * `ULONG_PTR`: what `IoStatus.Information` holds. A byte count for a send or receive, an object for
 * calls that create one (WskSocket puts the new socket there), so code casts it as the pages do:
 * `const byteCount = Irp.IoStatus.Information as number`.
 */
export type ULONG_PTR = number | object;

/**
 * The result of a request: `Status` and `Information` (bytes transferred, or the object created).
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/ns-wdm-_io_status_block
 */
export interface IO_STATUS_BLOCK {
  /** The completion status: STATUS_SUCCESS, a warning such as STATUS_BUFFER_OVERFLOW, or an error. */
  Status: NTSTATUS;
  /** Bytes transferred for a send or receive, or the object a request created (a socket, an address list). */
  Information: ULONG_PTR;
}

/** The device object a completion routine receives: always null for IRPs a WSK client allocates. */
export type DEVICE_OBJECT = null;

/**
 * A completion routine: runs once when the IRP completes, if its InvokeOn flag matches. Return
 * STATUS_MORE_PROCESSING_REQUIRED to take the IRP back (to free or reuse it).
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nc-wdm-io_completion_routine
 */
export type IO_COMPLETION_ROUTINE<C = unknown> = (DeviceObject: DEVICE_OBJECT, Irp: IRP, Context: C) => NTSTATUS;

/**
 * A cancel routine, set by the provider that holds a pending IRP: it must take the IRP out of its
 * queue and complete it (STATUS_CANCELLED with the bytes moved so far).
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nc-wdm-driver_cancel
 */
export type DRIVER_CANCEL = (DeviceObject: DEVICE_OBJECT, Irp: IRP) => void;

/**
 * An I/O request packet: the caller-owned object every faithful call takes and completes.
 * Allocate one with {@link IoAllocateIrp}; never construct it directly.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/ns-wdm-_irp
 */
export class IRP {
  /** The result, valid once the IRP has completed. */
  readonly IoStatus: IO_STATUS_BLOCK = { Status: 0, Information: 0 };
  /** True once IoCancelIrp was called on the pending IRP. */
  Cancel = false;
  /** True when the call that took the IRP returned STATUS_PENDING. */
  PendingReturned = false;
  /** Scratch room for the provider that holds the IRP (`Tail.Overlay.DriverContext[4]`). */
  readonly Tail: {
    /** The overlay of the IRP's tail while a provider owns it. */
    Overlay: {
      /** Four slots the provider may use for its own context. */
      DriverContext: [unknown, unknown, unknown, unknown];
    };
  } = {
    Overlay: { DriverContext: [undefined, undefined, undefined, undefined] },
  };
  /** @internal */
  readonly [kIrpState]: IrpState;

  /** @internal Use {@link IoAllocateIrp}. */
  constructor(stackSize: number) {
    this[kIrpState] = {
      phase: IrpPhase.Idle,
      stackSize,
      completionRoutine: null,
      completionContext: undefined,
      invokeOn: 0,
      cancelRoutine: null,
      allocationSite: undefined,
      waiter: null,
      cause: undefined,
      socket: null,
      onSocketCancel: null,
      pendingIn: null,
      pendingPrev: null,
      pendingNext: null,
    };
  }

  /**
   * `await using irp = IoAllocateIrp(1)`: at the end of the scope a pending IRP is cancelled and
   * its completion awaited, then the IRP is freed (unless its completion routine freed it).
   */
  [Symbol.asyncDispose](): Promise<void> {
    return disposeIrp(this);
  }
}

/** The IRP type under its header name, for code ported from the pages (`PIRP Irp`). */
export type PIRP = IRP;
