// Copies between a client's address objects and the provider's, for the faithful calls: what the
// client hands over is copied when the call is made (SPEC §7: changing the object later has no
// effect), and what the call hands back is written into the client's object; an accessor the
// client put on its object that throws makes the address unusable, never an exception out of a call.
import { SockAddr } from "./SockAddr";

/** A copy of the client's address, its fields as they read now; null when reading them throws. */
export function snapshotSockAddr(value: SockAddr): SockAddr | null {
  try {
    const { family, address, port } = value;
    const copy = new SockAddr();
    // As read, not validated: the call that uses the copy checks it and refuses it with its status.
    (copy as { family: unknown }).family = family;
    (copy as { address: unknown }).address = address;
    (copy as { port: unknown }).port = port;
    return copy;
  } catch {
    return null;
  }
}

/** Writes `source` into the client's `target`; false when the client's object refuses it. */
export function writeSockAddr(target: SockAddr, source: SockAddr): boolean {
  try {
    target.copyFrom(source);
    return true;
  } catch {
    return false;
  }
}
