import { describe, expect, it } from "vitest";
import { NTSTATUS, WSK_FLAG_DRAIN, WSK_FLAG_WAITALL } from "@wskit/core";
import { receiveFlagsStatus } from "../../src/internal/receiveFlagsStatus";

describe("receiveFlagsStatus (the WskReceive page's flag rules)", () => {
  it.each([
    [0, 100, "STATUS_SUCCESS"],
    [0, 0, "STATUS_SUCCESS"],
    [WSK_FLAG_WAITALL, 100, "STATUS_SUCCESS"],
    [WSK_FLAG_DRAIN, 0, "STATUS_SUCCESS"],
    [WSK_FLAG_DRAIN, 1, "STATUS_INVALID_PARAMETER"],
    [WSK_FLAG_WAITALL | WSK_FLAG_DRAIN, 0, "STATUS_INVALID_PARAMETER"],
    [0x1, 10, "STATUS_NOT_SUPPORTED"],
    [0x100, 10, "STATUS_NOT_SUPPORTED"],
    [WSK_FLAG_WAITALL | 0x80000000, 10, "STATUS_NOT_SUPPORTED"],
  ] as const)("flags 0x%s, length %i → %s", (flags, length, status) => {
    expect(receiveFlagsStatus(flags, length)).toBe(NTSTATUS[status]);
  });
});
