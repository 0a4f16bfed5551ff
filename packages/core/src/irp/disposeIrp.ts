import { IoCancelIrp } from "./IoCancelIrp";
import { IoFreeIrp } from "./IoFreeIrp";
import type { IRP } from "./IRP";
import { IrpPhase, kIrpState } from "./irpState";

/**
 * What `await using irp` does at the end of the scope: a pending IRP is cancelled and its completion
 * awaited, then the IRP is freed (unless its completion routine freed it). Beside IRP.ts, not inside
 * it, so the IRP class does not import the calls that take an IRP.
 */
export async function disposeIrp(irp: IRP): Promise<void> {
  const state = irp[kIrpState];
  while (state.phase === IrpPhase.Pending || state.phase === IrpPhase.Completing) {
    const completed = new Promise<void>((resolve) => (state.waiter = resolve));
    IoCancelIrp(irp);
    await completed;
  }
  if (state.phase !== IrpPhase.Freed) IoFreeIrp(irp);
}
