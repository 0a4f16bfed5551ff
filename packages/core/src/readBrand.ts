// The brand a faithful call recognises its objects by (an IRP's state, a socket's, a client's):
// read so that what the caller passed can only be refused as not one, never throw through the call
// (SPEC §7). A Proxy's trap or an accessor that throws reads as no brand.

/** `value[key]` for an object, or undefined: for anything else, and where reading it throws. */
export function readBrand<T>(value: unknown, key: symbol): T | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  try {
    return (value as { [key: symbol]: T | undefined })[key];
  } catch {
    return undefined;
  }
}
