// The private state of an IRP, in one record under one Symbol.for key (STYLE.md §2), so that the
// ESM and CJS copies of core, and provider packages built against either, read the same state.
import { programmerError } from "../errors";
import type { DRIVER_CANCEL, IO_COMPLETION_ROUTINE, IRP } from "./IRP";
import { describeValue } from "../describeValue";
import { readBrand } from "../readBrand";

/** Where an IRP is in its life. Ownership moves with it: the client holds Idle and Completed IRPs. */
export const IrpPhase = {
  /** Allocated or reused; the client may set it up and pass it to a call. */
  Idle: 0,
  /** Passed to a call that accepted it: the provider owns it until it completes. */
  Pending: 1,
  /** Completed by the provider; its completion routine waits in the completion queue. */
  Completing: 2,
  /** Its completion ran (or is running): the client holds it again, to free or reuse. */
  Completed: 3,
  /** Freed: every use is a programmer error. */
  Freed: 4,
} as const;
export type IrpPhase = (typeof IrpPhase)[keyof typeof IrpPhase];

export const INVOKE_ON_SUCCESS = 1;
export const INVOKE_ON_ERROR = 2;
export const INVOKE_ON_CANCEL = 4;

/** The IRP's private state, in one record, shared by every copy of core. */
export interface IrpState {
  phase: IrpPhase;
  stackSize: number;
  completionRoutine: IO_COMPLETION_ROUTINE<never> | null;
  completionContext: unknown;
  invokeOn: number;
  cancelRoutine: DRIVER_CANCEL | null;
  /** Set by the verifier: where the IRP was allocated, for leak reports. */
  allocationSite: string | undefined;
  /** Called once after the next completion has run (used by disposal). */
  waiter: (() => void) | null;
  /** The socket holding the IRP (takeSocketIrp), and what it does when the IRP is cancelled. */
  socket: object | null;
  onSocketCancel: ((socket: never, irp: IRP) => number) | null;
  /** The error behind the last completion (a Node system error), for the helpers' `cause`. */
  cause: unknown;
  /** The socket's list of held IRPs this one is in (PendingIrps), and its neighbours there. */
  pendingIn: object | null;
  pendingPrev: IRP | null;
  pendingNext: IRP | null;
}

export const kIrpState: unique symbol = Symbol.for("@wskit/core.IrpState") as never;


/** The state of a live IRP; throws the programmer error for anything that is not one. */
export function liveIrpState(irp: IRP, api: string): IrpState {
  const state = readBrand<IrpState>(irp, kIrpState);
  if (state === undefined) {
    throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: Irp must be an IRP from IoAllocateIrp; received ${describeValue(irp)}`);
  }
  if (state.phase === IrpPhase.Freed) throw programmerError("ERR_IRP_FREED", `${api}: the IRP was freed by IoFreeIrp`);
  return state;
}

/** The state of an IRP the client holds (not pending, not queued for completion, not freed). */
export function heldIrpState(irp: IRP, api: string): IrpState {
  const state = liveIrpState(irp, api);
  if (state.phase === IrpPhase.Pending || state.phase === IrpPhase.Completing) {
    throw programmerError("ERR_IRP_PENDING", `${api}: the IRP is still pending; wait for its completion`);
  }
  return state;
}
