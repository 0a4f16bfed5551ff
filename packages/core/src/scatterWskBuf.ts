import type { WskBuf } from "./wsk/WskBuf";

/**
 * Copies the first `sourceLength` bytes of `source` (all of it by default) into a (valid) WSK_BUF,
 * starting `position` bytes into it, filling the chain in order with no holes; returns the bytes
 * written: `min(sourceLength, Length - position)`. Bytes past `Length` are never written. A receive
 * that fills a buffer over several arrivals (WSK_FLAG_WAITALL) passes the count so far as `position`.
 */
export function scatterWskBuf(buf: WskBuf, source: Uint8Array, position = 0, sourceLength = source.byteLength): number {
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
