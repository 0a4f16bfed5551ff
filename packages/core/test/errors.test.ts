import { describe, expect, it } from "vitest";
import { createSocket } from "node:dgram";
import { ERROR_CODES, NTSTATUS, WskError, WskRangeError, WskStateError, WskTypeError, programmerError, type ErrorCode } from "@wskit/core";
import { ntStatusFromErrno } from "@wskit/core/provider";

describe("programmer errors", () => {
  it.each(Object.entries(ERROR_CODES) as Array<[ErrorCode, string]>)("%s is thrown as a %s", (code, kind) => {
    const error = programmerError(code, "message");
    expect(error.code).toBe(code);
    expect(error.name).toBe(kind);
    expect(error).toBeInstanceOf({ TypeError, RangeError, Error }[kind]);
    expect(WskTypeError.is(error)).toBe(true);
  });

  it("brands with Symbol.for, so the guard holds for a copy from another module instance", () => {
    const foreign = Object.create({ [Symbol.for("@wskit/core.ProgrammerError")]: true }) as object;
    expect(WskRangeError.is(foreign)).toBe(true);
    expect(WskStateError.is(new TypeError("plain"))).toBe(false);
    expect(WskTypeError.is(null)).toBe(false);
  });
});

describe("WskError", () => {
  it("carries the status name as code and the unsigned status", () => {
    const error = new WskError(NTSTATUS.STATUS_CANCELLED | 0);
    expect(error.code).toBe("STATUS_CANCELLED");
    expect(error.status).toBe(0xc0000120);
    expect(error.name).toBe("WskError");
    expect(WskError.is(error)).toBe(true);
    expect(WskError.is(new Error("x"))).toBe(false);
  });

  it("names an unknown status by its hex text", () => {
    expect(new WskError(0xc0ffee00).code).toBe("0xC0FFEE00");
  });

  it("wraps a real Node system error with its syscall, address and port", async () => {
    const first = createSocket("udp4");
    await new Promise<void>((resolve) => first.bind(0, "127.0.0.1", resolve));
    const { port } = first.address();
    const second = createSocket({ type: "udp4", reuseAddr: false });
    const nodeError = await new Promise<NodeJS.ErrnoException>((resolve) => {
      second.once("error", resolve);
      second.bind(port, "127.0.0.1");
    });
    first.close();
    second.close();
    const error = WskError.fromNodeError(nodeError);
    expect(error.code).toBe("STATUS_ADDRESS_ALREADY_EXISTS");
    expect(error.syscall).toBe("bind");
    expect(error.address).toBe("127.0.0.1");
    expect(error.port).toBe(port);
    expect(error.cause).toBe(nodeError);
  });
});

describe("ntStatusFromErrno", () => {
  it.each([
    ["ECONNRESET", NTSTATUS.STATUS_CONNECTION_RESET],
    ["ECONNREFUSED", NTSTATUS.STATUS_CONNECTION_REFUSED],
    ["EADDRINUSE", NTSTATUS.STATUS_ADDRESS_ALREADY_EXISTS],
    ["EHOSTUNREACH", NTSTATUS.STATUS_HOST_UNREACHABLE],
    ["ENETUNREACH", NTSTATUS.STATUS_NETWORK_UNREACHABLE],
    ["EMSGSIZE", NTSTATUS.STATUS_INVALID_BUFFER_SIZE],
    ["ETIMEDOUT", NTSTATUS.STATUS_IO_TIMEOUT],
    ["ENOTFOUND", NTSTATUS.STATUS_NOT_FOUND],
    ["ECANCELED", NTSTATUS.STATUS_CANCELLED],
    ["ENOBUFS", NTSTATUS.STATUS_INSUFFICIENT_RESOURCES],
    ["EWHATEVER", NTSTATUS.STATUS_UNSUCCESSFUL],
    [undefined, NTSTATUS.STATUS_UNSUCCESSFUL],
  ])("%s → %i", (code, status) => {
    expect(ntStatusFromErrno(code)).toBe(status);
  });
});
