import { programmerError } from "../errors";
import { trackIrp } from "../verifier/leakTracker";
import { HOOKS, verifierActive } from "../verifier/verifierState";
import { IRP } from "./IRP";
import { kIrpState } from "./irpState";
import { describeValue } from "../describeValue";

/**
 * Allocates an IRP for one request at a time. Pass it to a faithful call, read its `IoStatus` in the
 * completion routine, then free it ({@link IoFreeIrp}) or reuse it ({@link IoReuseIrp}).
 *
 * Unlike the kernel's, it never returns null: a `StackSize` below 1 is a programmer error.
 *
 * @param StackSize - I/O stack locations; a WSK client passes 1.
 * @param ChargeQuota - accepted for fidelity; Node has no pool quota.
 * @throws ERR_OUT_OF_RANGE when StackSize is not an integer of at least 1.
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-ioallocateirp
 */
export function IoAllocateIrp(StackSize: number, ChargeQuota = false): IRP {
  void ChargeQuota;
  if (!Number.isInteger(StackSize) || StackSize < 1 || StackSize > 255) {
    throw programmerError("ERR_OUT_OF_RANGE", `IoAllocateIrp: StackSize must be an integer from 1 to 255; received ${describeValue(StackSize)}`);
  }
  const irp = new IRP(StackSize);
  if (HOOKS && verifierActive) trackIrp(irp, irp[kIrpState]);
  return irp;
}
