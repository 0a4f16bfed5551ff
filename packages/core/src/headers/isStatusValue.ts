/** True for a value an NTSTATUS can be: an integer from 0 to 2³²−1, or the same 32 bits as a negative int32. */
export function isStatusValue(status: unknown): status is number {
  return typeof status === "number" && Number.isInteger(status) && status >= -0x8000_0000 && status <= 0xffff_ffff;
}
