// Whether an out-parameter the caller passed (a Ref, a SockAddr to fill) can take a result: an
// object that is not frozen. Asked so that it never throws (SPEC §7): a Proxy whose trap throws is
// simply not writable.

/** True for an object that is not frozen; false for anything else, and where asking throws. */
export function isWritableObject(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  try {
    return !Object.isFrozen(value);
  } catch {
    return false;
  }
}
