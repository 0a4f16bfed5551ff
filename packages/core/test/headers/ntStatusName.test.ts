import { describe, expect, it } from "vitest";
import { NTSTATUS, ntStatusName } from "@wskit/core";

describe("ntStatusName", () => {
  it("names every status in the table", () => {
    for (const [name, value] of Object.entries(NTSTATUS)) expect(ntStatusName(value)).toBe(name);
  });

  it("names a status given in its signed form", () => {
    expect(ntStatusName(0xc0000120 | 0)).toBe("STATUS_CANCELLED");
  });

  it.each([
    [0xc0001234, "0xC0001234"],
    [0x00000001, "0x00000001"],
    [0xe0000000, "0xE0000000"],
  ])("gives hex text for an unknown value (%i)", (value, text) => {
    expect(ntStatusName(value)).toBe(text);
  });
});
