import { programmerError } from "./errors";
import { STATUS_INVALID_PARAMETER, STATUS_SUCCESS, type NTSTATUS } from "./wsk/NTSTATUS";
import type { WskBuf } from "./wsk/WskBuf";

// A chain longer than this is taken for a cycle: no real scatter list comes near it.
const MAX_CHAIN_LENGTH = 65_536;

/**
 * Whether a WSK_BUF is well formed, as a WSK call checks it: STATUS_SUCCESS, or
 * STATUS_INVALID_PARAMETER for a negative or non-integer Offset or Length, an Offset outside the
 * first MDL, a null Mdl with a non-zero Length, or a Length longer than the chain.
 *
 * @throws ERR_INVALID_ARG_TYPE when `buf` is not an object (a programmer error, not an I/O result).
 */
export function validateWskBuf(buf: WskBuf): NTSTATUS {
  if (typeof buf !== "object" || buf === null) {
    throw programmerError("ERR_INVALID_ARG_TYPE", "Buffer must be a WSK_BUF { Mdl, Offset, Length }");
  }
  const { Mdl, Offset, Length } = buf;
  if (!Number.isInteger(Length) || Length < 0 || !Number.isInteger(Offset) || Offset < 0) return STATUS_INVALID_PARAMETER;
  if (Mdl === null) return Length === 0 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
  if (Offset > Mdl.ByteCount || (Offset === Mdl.ByteCount && Length !== 0)) return STATUS_INVALID_PARAMETER;
  let available = Mdl.ByteCount - Offset;
  let mdl = Mdl.Next;
  for (let links = 1; available < Length; links++) {
    if (mdl === null || links > MAX_CHAIN_LENGTH) return STATUS_INVALID_PARAMETER;
    available += mdl.ByteCount;
    mdl = mdl.Next;
  }
  return STATUS_SUCCESS;
}
