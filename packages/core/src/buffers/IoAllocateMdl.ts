import { isUint8Array } from "node:util/types";
import { programmerError } from "../errors";
import { MDL } from "./MDL";
import { describeValue } from "../describeValue";

/**
 * Describes `Length` bytes at the start of `VirtualAddress` with a new MDL. With `SecondaryBuffer`
 * true and an `Irp`, nothing more happens than in the kernel's common use: link the MDL yourself
 * (`previous.Next = mdl`) to build a chain.
 *
 * @param VirtualAddress - the memory: any `Uint8Array` (a `Buffer` too), or a view into one.
 * @param Length - bytes to describe, from 0 to `VirtualAddress.byteLength`; all of it by default.
 * @throws ERR_INVALID_ARG_TYPE when VirtualAddress is not a Uint8Array; ERR_OUT_OF_RANGE for a bad Length.
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-ioallocatemdl
 */
export function IoAllocateMdl(
  VirtualAddress: Uint8Array,
  Length?: number,
  SecondaryBuffer = false,
  ChargeQuota = false,
  Irp: object | null = null,
): MDL {
  void SecondaryBuffer;
  void ChargeQuota;
  void Irp;
  if (!isUint8Array(VirtualAddress)) {
    throw programmerError("ERR_INVALID_ARG_TYPE", "IoAllocateMdl: VirtualAddress must be a Uint8Array");
  }
  // (The default is taken only now: read before the type check, it would run a hostile object's code.)
  const length = Length === undefined ? VirtualAddress.byteLength : Length;
  if (!Number.isInteger(length) || length < 0 || length > VirtualAddress.byteLength) {
    throw programmerError(
      "ERR_OUT_OF_RANGE",
      `IoAllocateMdl: Length must be an integer from 0 to ${VirtualAddress.byteLength}; received ${describeValue(Length)}`,
    );
  }
  const view = length === VirtualAddress.byteLength ? VirtualAddress : VirtualAddress.subarray(0, length);
  return new MDL(view);
}

/**
 * Frees an MDL. The memory it described is the caller's and stays untouched; the MDL must not be
 * used again. Kept for line-by-line ports: the garbage collector reclaims the MDL itself.
 *
 * @see https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-iofreemdl
 */
export function IoFreeMdl(Mdl: MDL): void {
  Mdl.Next = null;
}
