import { LookasideList } from "./LookasideList";
import { IoAllocateIrp } from "./wsk/IoAllocateIrp";
import { IoFreeIrp } from "./wsk/IoFreeIrp";
import { IoReuseIrp } from "./wsk/IoReuseIrp";
import type { IRP } from "./wsk/IRP";
import { STATUS_SUCCESS } from "./wsk/NTSTATUS";

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
