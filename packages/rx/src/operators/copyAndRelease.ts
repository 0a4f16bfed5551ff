import { map, type OperatorFunction } from "rxjs";
import { programmerError } from "@wskit/core";
import type { Indication } from "../Indication";

/**
 * Turns each indication into a plain `Uint8Array` copy of its bytes, taken while the indication is
 * still valid (inside `next`), so nothing downstream has to retain or release: the provider buffer
 * goes back as soon as the callback returns. Use it when values cross an async boundary and the
 * copy costs less than holding the provider's buffer.
 */
export function copyAndRelease<T extends Indication>(): OperatorFunction<T, Uint8Array> {
  return map((indication) => {
    const bytes = (indication as Partial<Indication> | null | undefined)?.bytes;
    // Thrown inside map: an error notification, typed.
    if (!(bytes instanceof Uint8Array)) throw programmerError("ERR_INVALID_ARG_TYPE", "copyAndRelease: the source emitted a value that is not an indication");
    return bytes.slice();
  });
}
