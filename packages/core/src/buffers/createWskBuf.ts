import { isUint8Array } from "node:util/types";
import { programmerError } from "../errors";
import { IoAllocateMdl } from "./IoAllocateMdl";
import type { MDL } from "./MDL";
import type { WskBuf } from "./WskBuf";

/**
 * A WSK_BUF over one buffer, or over a chain of several (one MDL each, linked in order): the
 * bytes from `offset` into the first buffer, `length` of them (all the rest by default).
 *
 * ```ts
 * const buf = createWskBuf(new Uint8Array(1500));            // one MDL, 1500 bytes
 * const chain = createWskBuf([header, payload]);             // two MDLs, gathered in order
 * ```
 * An `offset` equal to the first buffer's length (with bytes to follow) starts the WSK_BUF at the
 * next buffer, since WSK wants Offset inside the first MDL.
 *
 * @throws ERR_INVALID_ARG_TYPE when a buffer is not a Uint8Array; ERR_OUT_OF_RANGE when offset or
 *   length fall outside the buffers.
 */
export function createWskBuf(buffers: Uint8Array | readonly Uint8Array[], offset = 0, length?: number): WskBuf {
  const list = isUint8Array(buffers) ? [buffers] : buffers;
  if (!Array.isArray(list)) throw programmerError("ERR_INVALID_ARG_TYPE", "createWskBuf: buffers must be a Uint8Array or an array of them");
  let first: MDL | null = null;
  let last: MDL | null = null;
  let total = 0;
  for (const buffer of list) {
    const mdl = IoAllocateMdl(buffer);
    total += mdl.ByteCount;
    if (last === null) first = mdl;
    else last.Next = mdl;
    last = mdl;
  }
  const firstCount = first?.ByteCount ?? 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > firstCount) {
    throw programmerError("ERR_OUT_OF_RANGE", `createWskBuf: offset must lie within the first buffer (0 to ${firstCount})`);
  }
  const available = total - offset;
  const bytes = length ?? available;
  if (!Number.isInteger(bytes) || bytes < 0 || bytes > available) {
    throw programmerError("ERR_OUT_OF_RANGE", `createWskBuf: length must be an integer from 0 to ${available}`);
  }
  // An offset at the very end of the first buffer (or of empty ones) starts the chain at the next
  // buffer that holds a byte, so the WSK_BUF is one that validateWskBuf accepts: WSK wants Offset
  // inside the first MDL.
  let head = first;
  let at = offset;
  while (bytes > 0 && head !== null && at === head.ByteCount) {
    head = head.Next;
    at = 0;
  }
  if (bytes === 0) return { Mdl: first, Offset: first === null ? 0 : offset, Length: 0 };
  return { Mdl: head, Offset: at, Length: bytes };
}
