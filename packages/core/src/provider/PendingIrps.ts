// The IRPs a socket holds (takeSocketIrp until completeSocketIrp or cancellation), linked through
// the IRPs' own state: adding and removing one is a few field writes, with no hashing, which every
// send and receive pays. Iteration is in the order they were taken, oldest first.
import type { IRP } from "../irp/IRP";
import { kIrpState } from "../irp/irpState";

export class PendingIrps {
  #head: IRP | null = null;
  #tail: IRP | null = null;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  has(irp: IRP): boolean {
    return irp[kIrpState].pendingIn === this;
  }

  add(irp: IRP): void {
    const state = irp[kIrpState];
    if (state.pendingIn === this) return;
    state.pendingIn = this;
    state.pendingPrev = this.#tail;
    state.pendingNext = null;
    if (this.#tail === null) this.#head = irp;
    else this.#tail[kIrpState].pendingNext = irp;
    this.#tail = irp;
    this.#size++;
  }

  /** Removes the IRP; false when this socket does not hold it. */
  delete(irp: IRP): boolean {
    const state = irp[kIrpState];
    if (state.pendingIn !== this) return false;
    const { pendingPrev: prev, pendingNext: next } = state;
    if (prev === null) this.#head = next;
    else prev[kIrpState].pendingNext = next;
    if (next === null) this.#tail = prev;
    else next[kIrpState].pendingPrev = prev;
    state.pendingIn = null;
    state.pendingPrev = null;
    state.pendingNext = null;
    this.#size--;
    return true;
  }

  /** The IRPs held now, oldest first: a copy, so the caller may complete them as it goes. */
  toArray(): IRP[] {
    const irps: IRP[] = [];
    for (let irp = this.#head; irp !== null; irp = irp[kIrpState].pendingNext) irps.push(irp);
    return irps;
  }

  clear(): void {
    for (const irp of this.toArray()) this.delete(irp);
  }
}
