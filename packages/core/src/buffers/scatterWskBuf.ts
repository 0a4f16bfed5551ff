import { isUint8Array } from "node:util/types";
import { programmerError } from "../errors";
import { assertWskBuf } from "./validateWskBuf";
import type { WskBuf } from "./WskBuf";

/**
 * Copies the first `sourceLength` bytes of `source` (all of it by default) into a WSK_BUF,
 * starting `position` bytes into it, filling the chain in order with no holes; returns the bytes
 * written: `min(sourceLength, Length - position)`. Bytes past `Length` are never written. A receive
 * that fills a buffer over several arrivals (WSK_FLAG_WAITALL) passes the count so far as `position`.
 *
 * @throws ERR_INVALID_ARG_TYPE when `buf` is not an object or `source` not a Uint8Array;
 *   ERR_INVALID_ARG_VALUE when `buf` is not a well-formed WSK_BUF; ERR_OUT_OF_RANGE for a
 *   `position` or `sourceLength` that is not a non-negative integer.
 */
export function scatterWskBuf(buf: WskBuf, source: Uint8Array, position = 0, sourceLength = source?.byteLength): number {
  assertWskBuf(buf, "scatterWskBuf");
  if (!isUint8Array(source)) throw programmerError("ERR_INVALID_ARG_TYPE", "scatterWskBuf: source must be a Uint8Array");
  if (!Number.isInteger(position) || position < 0 || !Number.isInteger(sourceLength) || sourceLength < 0) {
    throw programmerError("ERR_OUT_OF_RANGE", "scatterWskBuf: position and sourceLength must be non-negative integers");
  }
  return scatterInto(buf, source, position, sourceLength);
}

/**
 * Provider side: {@link scatterWskBuf} for a WSK_BUF the provider checked when the call was made
 * and still holds; the receive paths use it per datagram or read, where the check is not repeated.
 */
export function scatterInto(buf: WskBuf, source: Uint8Array, position: number, sourceLength: number): number {
  const total = Math.min(sourceLength, source.byteLength, buf.Length - position);
  if (total <= 0) return 0;
  let mdl = buf.Mdl;
  let at = buf.Offset + position;
  // Walk to the MDL that holds `position`.
  while (mdl !== null && at >= mdl.ByteCount) {
    at -= mdl.ByteCount;
    mdl = mdl.Next;
  }
  let copied = 0;
  while (mdl !== null && copied < total) {
    const room = mdl.ByteCount - at;
    const count = Math.min(room, total - copied);
    // Whole-source copies (the common datagram case) need no subarray view.
    if (count === source.byteLength) mdl.MappedSystemVa.set(source, at);
    else mdl.MappedSystemVa.set(source.subarray(copied, copied + count), at);
    copied += count;
    at = 0;
    mdl = mdl.Next;
  }
  return copied;
}
