/**
 * Provider side: true for flags a call may be given at all: a 32-bit integer (a ULONG from 0 to
 * 2³²−1, or the negative int32 JavaScript's `|` makes of one with the top bit set, such as
 * `WSK_EVENT_RECEIVE | WSK_EVENT_DISABLE`). NaN, fractions, strings, objects and wider numbers are not.
 */
export function isFlagsValue(flags: unknown): flags is number {
  return typeof flags === "number" && Number.isInteger(flags) && flags >= -0x8000_0000 && flags <= 0xffff_ffff;
}
