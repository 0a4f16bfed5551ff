import { describe, expect, it } from "vitest";
import { NT_ERROR, NT_INFORMATION, NT_SUCCESS, NT_WARNING, NTSTATUS } from "@wskit/core";

describe("NT_SUCCESS / NT_INFORMATION / NT_WARNING / NT_ERROR", () => {
  it.each([
    // status, success, information, warning, error
    [NTSTATUS.STATUS_SUCCESS, true, false, false, false],
    [NTSTATUS.STATUS_PENDING, true, false, false, false],
    [NTSTATUS.STATUS_RECEIVE_PARTIAL, true, true, false, false],
    [NTSTATUS.STATUS_BUFFER_OVERFLOW, false, false, true, false],
    [NTSTATUS.STATUS_CANCELLED, false, false, false, true],
    [NTSTATUS.STATUS_MORE_PROCESSING_REQUIRED, false, false, false, true],
    [0x3fffffff, true, false, false, false],
    [0x40000000, true, true, false, false],
    [0x7fffffff, true, true, false, false],
    [0x80000000, false, false, true, false],
    [0xbfffffff, false, false, true, false],
    [0xc0000000, false, false, false, true],
    [0xffffffff, false, false, false, true],
  ])("0x%s", (status, success, information, warning, error) => {
    expect([NT_SUCCESS(status), NT_INFORMATION(status), NT_WARNING(status), NT_ERROR(status)]).toEqual([
      success,
      information,
      warning,
      error,
    ]);
  });

  it("reads a signed 32-bit value the same as its unsigned form", () => {
    expect(NT_SUCCESS(0xc0000120 | 0)).toBe(false);
    expect(NT_ERROR(0xc0000120 | 0)).toBe(true);
    expect(NT_WARNING(0x80000005 | 0)).toBe(true);
  });
});
