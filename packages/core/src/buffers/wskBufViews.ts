import { assertWskBuf } from "./validateWskBuf";
import type { MDL } from "./MDL";
import type { WskBuf } from "./WskBuf";

const EMPTY = new Uint8Array(0);

/**
 * The bytes a WSK_BUF describes, as views of the caller's memory, without copying: one view when
 * they lie in the first MDL, else one per MDL of the chain, in order. What a send hands to Node.
 *
 * @throws ERR_INVALID_ARG_TYPE when `buf` is not an object; ERR_INVALID_ARG_VALUE when it is not a
 *   well-formed WSK_BUF.
 */
export function wskBufViews(buf: WskBuf): Uint8Array | Uint8Array[] {
  assertWskBuf(buf, "wskBufViews");
  const first = buf.Mdl;
  if (first === null || buf.Length === 0) return EMPTY;
  if (buf.Offset + buf.Length <= first.ByteCount) {
    const whole = buf.Offset === 0 && buf.Length === first.ByteCount;
    return whole ? first.MappedSystemVa : first.MappedSystemVa.subarray(buf.Offset, buf.Offset + buf.Length);
  }
  const parts: Uint8Array[] = [];
  let remaining = buf.Length;
  let at = buf.Offset;
  for (let mdl: MDL | null = first; mdl !== null && remaining > 0; mdl = mdl.Next) {
    const count = Math.min(mdl.ByteCount - at, remaining);
    if (count > 0) parts.push(mdl.MappedSystemVa.subarray(at, at + count));
    remaining -= count;
    at = 0;
  }
  return parts;
}
