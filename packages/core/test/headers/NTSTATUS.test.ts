import { describe, expect, it } from "vitest";
import * as core from "@wskit/core";
import { NTSTATUS, STATUS_CANCELLED, STATUS_MORE_PROCESSING_REQUIRED, STATUS_PENDING, STATUS_SUCCESS } from "@wskit/core";

// Values copied from ntstatus.h, for every status SPEC.md and the reference pages name.
const HEADER_VALUES: ReadonlyArray<[string, number]> = [
  ["STATUS_SUCCESS", 0x00000000],
  ["STATUS_PENDING", 0x00000103],
  ["STATUS_BUFFER_OVERFLOW", 0x80000005],
  ["STATUS_MORE_PROCESSING_REQUIRED", 0xc0000016],
  ["STATUS_INVALID_HANDLE", 0xc0000008],
  ["STATUS_INVALID_PARAMETER", 0xc000000d],
  ["STATUS_INSUFFICIENT_RESOURCES", 0xc000009a],
  ["STATUS_FILE_FORCED_CLOSED", 0xc00000b6],
  ["STATUS_NOT_SUPPORTED", 0xc00000bb],
  ["STATUS_REQUEST_NOT_ACCEPTED", 0xc00000d0],
  ["STATUS_CANCELLED", 0xc0000120],
  ["STATUS_INVALID_DEVICE_STATE", 0xc0000184],
  ["STATUS_CONNECTION_RESET", 0xc000020d],
  ["STATUS_DATA_NOT_ACCEPTED", 0xc000021b],
  ["STATUS_CONNECTION_REFUSED", 0xc0000236],
  ["STATUS_CONNECTION_ABORTED", 0xc0000241],
  ["STATUS_ADDRESS_ALREADY_EXISTS", 0xc000020a],
  ["STATUS_PORT_UNREACHABLE", 0xc000023f],
  ["STATUS_HOST_UNREACHABLE", 0xc000023d],
  ["STATUS_NETWORK_UNREACHABLE", 0xc000023c],
  ["STATUS_INVALID_BUFFER_SIZE", 0xc0000206],
  ["STATUS_IO_TIMEOUT", 0xc00000b5],
  ["STATUS_NOINTERFACE", 0xc00002b9],
];

describe("NTSTATUS", () => {
  it.each(HEADER_VALUES)("%s has the header's value", (name, value) => {
    expect(NTSTATUS[name as keyof typeof NTSTATUS]).toBe(value);
    // Each is also a named export, so driver code ports verbatim.
    expect((core as Record<string, unknown>)[name]).toBe(value);
  });

  it("names each value once, as an unsigned 32-bit number", () => {
    const values = Object.values(NTSTATUS);
    expect(new Set(values).size).toBe(values.length);
    for (const value of values) {
      expect(Number.isInteger(value) && value >= 0 && value <= 0xffffffff).toBe(true);
    }
  });

  it("exports every table entry as its own constant", () => {
    for (const [name, value] of Object.entries(NTSTATUS)) {
      expect((core as Record<string, unknown>)[name]).toBe(value);
    }
  });

  it("keeps the literal types of the header", () => {
    const pending: 0x103 = STATUS_PENDING;
    const cancelled: 0xc0000120 = STATUS_CANCELLED;
    expect([STATUS_SUCCESS, pending, cancelled, STATUS_MORE_PROCESSING_REQUIRED]).toEqual([0, 0x103, 0xc0000120, 0xc0000016]);
  });
});
