import { describe, expect, it } from "vitest";
import { WSK_EVENT_DISABLE, WSK_EVENT_RECEIVE } from "@wskit/core";
import { isFlagsValue } from "@wskit/core/provider";

describe("isFlagsValue", () => {
  it.each([0, 1, 0x2, 0xffff_ffff, WSK_EVENT_RECEIVE | WSK_EVENT_DISABLE, -1])("takes the 32-bit integer %s", (flags) => {
    expect(isFlagsValue(flags)).toBe(true);
  });

  it.each([Number.NaN, 1.5, 2 ** 32, -(2 ** 31) - 1, Infinity, "0", undefined, null, {}, 1n])("refuses %s", (flags) => {
    expect(isFlagsValue(flags)).toBe(false);
  });
});
