import { isUint8Array } from "node:util/types";
import { programmerError } from "../errors";
import { assertWskBuf } from "./validateWskBuf";
import type { WskBuf } from "./WskBuf";
import { describeValue } from "../describeValue";

/**
 * Copies the `Length` bytes a WSK_BUF describes, in chain order, into `target` (from
 * `targetOffset`) or into a new `Uint8Array`; returns the target.
 *
 * @throws ERR_INVALID_ARG_TYPE when `buf` is not an object or `target` not a Uint8Array;
 *   ERR_INVALID_ARG_VALUE when `buf` is not a well-formed WSK_BUF; ERR_OUT_OF_RANGE when `target`
 *   has no room for `Length` bytes at `targetOffset`.
 */
export function gatherWskBuf(buf: WskBuf, target?: Uint8Array, targetOffset = 0): Uint8Array {
  assertWskBuf(buf, "gatherWskBuf");
  if (target !== undefined && !isUint8Array(target)) {
    throw programmerError("ERR_INVALID_ARG_TYPE", "gatherWskBuf: target must be a Uint8Array");
  }
  const out = target ?? new Uint8Array(buf.Length);
  if (!Number.isInteger(targetOffset) || targetOffset < 0 || out.byteLength - targetOffset < buf.Length) {
    throw programmerError("ERR_OUT_OF_RANGE", `gatherWskBuf: target has no room for ${buf.Length} bytes at ${describeValue(targetOffset)}`);
  }
  let mdl = buf.Mdl;
  let at = buf.Offset;
  let copied = 0;
  while (mdl !== null && copied < buf.Length) {
    const count = Math.min(mdl.ByteCount - at, buf.Length - copied);
    out.set(mdl.MappedSystemVa.subarray(at, at + count), targetOffset + copied);
    copied += count;
    at = 0;
    mdl = mdl.Next;
  }
  return out;
}
