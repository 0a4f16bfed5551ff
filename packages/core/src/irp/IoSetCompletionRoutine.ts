import { programmerError } from "../errors";
import { heldIrpState, INVOKE_ON_CANCEL, INVOKE_ON_ERROR, INVOKE_ON_SUCCESS } from "./irpState";
import type { IO_COMPLETION_ROUTINE, IRP } from "./IRP";

/**
 * Sets the routine that runs when the IRP completes, with `Context`, if the result matches a flag:
 * `InvokeOnSuccess` for an NT_SUCCESS status, `InvokeOnError` for any other, `InvokeOnCancel` when
 * the IRP was cancelled. The routine always runs after the call that took the IRP has returned.
 *
 * @throws ERR_IRP_PENDING when the IRP is pending; ERR_IRP_FREED when it was freed;
 *   ERR_INVALID_ARG_TYPE when the routine is not a function or null.
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-iosetcompletionroutine
 */
export function IoSetCompletionRoutine<C>(
  Irp: IRP,
  CompletionRoutine: IO_COMPLETION_ROUTINE<C> | null,
  Context: C,
  InvokeOnSuccess: boolean,
  InvokeOnError: boolean,
  InvokeOnCancel: boolean,
): void {
  const state = heldIrpState(Irp, "IoSetCompletionRoutine");
  if (CompletionRoutine !== null && typeof CompletionRoutine !== "function") {
    throw programmerError("ERR_INVALID_ARG_TYPE", "IoSetCompletionRoutine: CompletionRoutine must be a function or null");
  }
  state.completionRoutine = CompletionRoutine as IO_COMPLETION_ROUTINE<never> | null;
  state.completionContext = Context;
  state.invokeOn =
    (InvokeOnSuccess ? INVOKE_ON_SUCCESS : 0) | (InvokeOnError ? INVOKE_ON_ERROR : 0) | (InvokeOnCancel ? INVOKE_ON_CANCEL : 0);
}
