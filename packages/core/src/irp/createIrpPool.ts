import { LookasideList } from "../buffers/LookasideList";
import { IoAllocateIrp } from "./IoAllocateIrp";
import { IoFreeIrp } from "./IoFreeIrp";
import { IoReuseIrp } from "./IoReuseIrp";
import type { IRP } from "./IRP";
import { STATUS_SUCCESS } from "../headers/NTSTATUS";

/**
 * A lookaside list of IRPs: `allocate()` gives an IRP ready for a call (as from IoAllocateIrp(1)),
 * `free(irp)` takes back one whose completion has run and reuses it (IoReuseIrp), so a steady
 * request loop allocates no IRP. Freeing a pending IRP throws ERR_IRP_PENDING; `clear()` frees the
 * IRPs the list keeps.
 */
export function createIrpPool(depth: number): LookasideList<IRP> {
  return new LookasideList<IRP>({
    allocate: () => IoAllocateIrp(1, false),
    reset: (irp) => IoReuseIrp(irp, STATUS_SUCCESS),
    release: (irp) => IoFreeIrp(irp),
    depth,
  });
}
