import { programmerError } from "../errors";
import { MDL } from "./MDL";
import { STATUS_INVALID_PARAMETER, STATUS_SUCCESS, type NTSTATUS } from "../headers/NTSTATUS";
import type { WskBuf } from "./WskBuf";

/** The longest MDL chain a WSK_BUF may have. Walking the whole chain to this bound also rules out a cycle of any length. */
export const MAX_MDL_CHAIN_LENGTH = 65_536;

const ULONG_MAX = 0xffff_ffff;

/**
 * Whether a WSK_BUF is well formed, as a WSK call checks it before it moves a byte: STATUS_SUCCESS,
 * or STATUS_INVALID_PARAMETER for an Offset or Length that is not an integer from 0 to 2³²−1, a null
 * Mdl with a non-zero Length, an Mdl or `Next` that is not an MDL from IoAllocateMdl / createWskBuf
 * (or whose memory was detached), a chain with a cycle or longer than {@link MAX_MDL_CHAIN_LENGTH},
 * an Offset outside the first MDL, or a Length longer than the chain holds after Offset.
 *
 * @throws ERR_INVALID_ARG_TYPE when `buf` is not an object (a programmer error, not an I/O result).
 */
export function validateWskBuf(buf: WskBuf): NTSTATUS {
  if (typeof buf !== "object" || buf === null) {
    throw programmerError("ERR_INVALID_ARG_TYPE", "Buffer must be a WSK_BUF { Mdl, Offset, Length }");
  }
  return wskBufStatus(buf);
}

/**
 * Provider side: {@link validateWskBuf} for a value a faithful call was given, which may be
 * anything: STATUS_INVALID_PARAMETER (never a throw) for what is not a well-formed WSK_BUF.
 */
export function wskBufStatus(buf: unknown): NTSTATUS {
  // A client's accessor that throws makes the buffer malformed, as any other bad field does.
  try {
    return chainStatus(buf);
  } catch {
    return STATUS_INVALID_PARAMETER;
  }
}

function chainStatus(buf: unknown): NTSTATUS {
  if (typeof buf !== "object" || buf === null) return STATUS_INVALID_PARAMETER;
  const { Mdl: first, Offset: offset, Length: length } = buf as WskBuf;
  if (!isUlong(offset) || !isUlong(length)) return STATUS_INVALID_PARAMETER;
  if (first === null) return length === 0 && offset === 0 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
  if (!MDL.is(first)) return STATUS_INVALID_PARAMETER;
  if (offset > first.ByteCount || (offset === first.ByteCount && length !== 0)) return STATUS_INVALID_PARAMETER;
  // The whole chain, not only the part Length covers: a cycle or a foreign link anywhere in it is refused.
  let total = first.ByteCount;
  let links = 1;
  for (let mdl: unknown = first.Next; mdl !== null; mdl = (mdl as MDL).Next) {
    if (!MDL.is(mdl) || ++links > MAX_MDL_CHAIN_LENGTH) return STATUS_INVALID_PARAMETER;
    total += mdl.ByteCount;
  }
  return length <= total - offset ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

function isUlong(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= ULONG_MAX;
}

/** Throws the typed programmer error a buffer helper raises for a WSK_BUF that is not well formed. */
export function assertWskBuf(buf: WskBuf, api: string): void {
  if (validateWskBuf(buf) !== STATUS_SUCCESS) {
    throw programmerError("ERR_INVALID_ARG_VALUE", `${api}: the WSK_BUF is not well formed (see validateWskBuf)`);
  }
}
