import { describe, expect, it } from "vitest";
import * as core from "@wskit/core";
import { NTSTATUS } from "@wskit/core";
import { wsaErrorFromNtStatus } from "@wskit/dgram";

describe("wsaErrorFromNtStatus", () => {
  // The mappings SPEC.md §2 and seed 003 name.
  it.each([
    ["STATUS_SUCCESS", 0],
    ["STATUS_PENDING", core.WSA_IO_PENDING],
    ["STATUS_BUFFER_OVERFLOW", core.WSAEMSGSIZE],
    ["STATUS_CANCELLED", core.WSA_OPERATION_ABORTED],
    ["STATUS_CONNECTION_RESET", core.WSAECONNRESET],
    ["STATUS_PORT_UNREACHABLE", core.WSAECONNRESET],
    ["STATUS_INVALID_DEVICE_STATE", core.WSAEINVAL],
    ["STATUS_NOT_SUPPORTED", core.WSAEOPNOTSUPP],
    ["STATUS_BUFFER_TOO_SMALL", core.WSAEFAULT],
    ["STATUS_CONNECTION_ACTIVE", core.WSAEISCONN],
    ["STATUS_DEVICE_NOT_READY", core.WSAEWOULDBLOCK],
    ["STATUS_ADDRESS_ALREADY_EXISTS", core.WSAEADDRINUSE],
  ] as const)("%s → %i", (name, wsaError) => {
    expect(wsaErrorFromNtStatus(NTSTATUS[name])).toBe(wsaError);
  });

  it("takes a status in its signed form", () => {
    expect(wsaErrorFromNtStatus(NTSTATUS.STATUS_CANCELLED | 0)).toBe(core.WSA_OPERATION_ABORTED);
  });

  it("reports WSAENETDOWN for a status it does not know", () => {
    expect(wsaErrorFromNtStatus(0xc0ffee00)).toBe(core.WSAENETDOWN);
  });

  it("gives every error status of the table a Winsock error code", () => {
    for (const [name, status] of Object.entries(NTSTATUS)) {
      const wsaError = wsaErrorFromNtStatus(status);
      if (core.NT_ERROR(status)) expect(wsaError, name).toBeGreaterThan(0);
    }
  });
});
