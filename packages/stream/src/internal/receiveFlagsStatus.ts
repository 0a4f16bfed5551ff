import { STATUS_INVALID_PARAMETER, STATUS_NOT_SUPPORTED, STATUS_SUCCESS, WSK_FLAG_DRAIN, WSK_FLAG_WAITALL } from "@wskit/core";
import { isFlagsValue } from "@wskit/core/provider";

const SUPPORTED_RECEIVE_FLAGS = WSK_FLAG_WAITALL | WSK_FLAG_DRAIN;

/**
 * Whether WskReceive takes these flags for a buffer of `length` bytes (seed 001): flags that are not
 * a 32-bit integer at all are STATUS_INVALID_PARAMETER; a flag the
 * transport does not support is STATUS_NOT_SUPPORTED; WAITALL with DRAIN, or DRAIN with a non-zero
 * length, is STATUS_INVALID_PARAMETER.
 */
export function receiveFlagsStatus(flags: number, length: number): number {
  if (!isFlagsValue(flags)) return STATUS_INVALID_PARAMETER;
  if ((flags & ~SUPPORTED_RECEIVE_FLAGS) !== 0) return STATUS_NOT_SUPPORTED;
  if ((flags & WSK_FLAG_DRAIN) !== 0) {
    if ((flags & WSK_FLAG_WAITALL) !== 0 || length !== 0) return STATUS_INVALID_PARAMETER;
  }
  return STATUS_SUCCESS;
}
