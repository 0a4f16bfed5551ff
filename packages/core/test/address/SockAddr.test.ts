import { describe, expect, it } from "vitest";
import { createSocket } from "node:dgram";
import { AF_INET, AF_INET6, SockAddr } from "@wskit/core";

describe("SockAddr", () => {
  it.each([
    ["127.0.0.1", 9000, AF_INET, "127.0.0.1", "127.0.0.1:9000"],
    ["0.0.0.0", 0, AF_INET, "0.0.0.0", "0.0.0.0:0"],
    ["255.255.255.255", 65535, AF_INET, "255.255.255.255", "255.255.255.255:65535"],
    ["::1", 53, AF_INET6, "::1", "[::1]:53"],
    ["0:0:0:0:0:0:0:1", 53, AF_INET6, "::1", "[::1]:53"],
    ["2001:DB8:0:0:1:0:0:1", 1, AF_INET6, "2001:db8::1:0:0:1", "[2001:db8::1:0:0:1]:1"],
    ["::ffff:10.0.0.1", 80, AF_INET6, "::ffff:10.0.0.1", "[::ffff:10.0.0.1]:80"],
    ["fe80::1%eth0", 80, AF_INET6, "fe80::1%eth0", "[fe80::1%eth0]:80"],
  ])("from(%s, %i)", (text, port, family, address, formatted) => {
    const addr = SockAddr.from(text, port);
    expect(addr.family).toBe(family);
    expect(addr.address).toBe(address);
    expect(addr.port).toBe(port);
    expect(addr.toString()).toBe(formatted);
  });

  it.each([
    ["127.0.0.1:9000", AF_INET, "127.0.0.1", 9000],
    ["[::1]:9000", AF_INET6, "::1", 9000],
    ["[::1]", AF_INET6, "::1", 0],
    ["::1", AF_INET6, "::1", 0],
    ["10.1.2.3", AF_INET, "10.1.2.3", 0],
  ])("parses %s", (text, family, address, port) => {
    const addr = SockAddr.from(text);
    expect([addr.family, addr.address, addr.port]).toEqual([family, address, port]);
  });

  it("round-trips its own text", () => {
    for (const text of ["127.0.0.1:1", "[::1]:65535", "[2001:db8::1]:443", "[::ffff:1.2.3.4]:7"]) {
      expect(SockAddr.from(text).toString()).toBe(text);
    }
  });

  it.each([
    ["256.0.0.1", "ERR_INVALID_IP_ADDRESS"],
    ["01.2.3.4", "ERR_INVALID_IP_ADDRESS"],
    ["1.2.3", "ERR_INVALID_IP_ADDRESS"],
    ["localhost", "ERR_INVALID_IP_ADDRESS"],
    ["1:2:3:4:5:6:7:8:9", "ERR_INVALID_IP_ADDRESS"],
    ["1::2::3", "ERR_INVALID_IP_ADDRESS"],
    ["12345::", "ERR_INVALID_IP_ADDRESS"],
    ["fe80::1%", "ERR_INVALID_IP_ADDRESS"],
    ["127.0.0.1:70000", "ERR_SOCKET_BAD_PORT"],
    ["127.0.0.1:x", "ERR_SOCKET_BAD_PORT"],
  ])("rejects %s with %s", (text, code) => {
    expect(() => SockAddr.from(text)).toThrow(expect.objectContaining({ code }));
  });

  it.each([-1, 65536, 1.5, Number.NaN])("rejects port %s with ERR_SOCKET_BAD_PORT", (port) => {
    expect(() => SockAddr.from("127.0.0.1", port)).toThrow(expect.objectContaining({ code: "ERR_SOCKET_BAD_PORT", name: "RangeError" }));
  });

  it("rejects an address of the other family", () => {
    expect(() => new SockAddr(AF_INET, "::1")).toThrow(expect.objectContaining({ code: "ERR_INVALID_ADDRESS_FAMILY" }));
    expect(() => new SockAddr(AF_INET6, "127.0.0.1")).toThrow(expect.objectContaining({ code: "ERR_INVALID_ADDRESS_FAMILY" }));
    expect(() => new SockAddr(10 as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ADDRESS_FAMILY" }));
  });

  it("rejects a non-string address with ERR_INVALID_ARG_TYPE", () => {
    expect(() => SockAddr.from(42 as never)).toThrow(expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE", name: "TypeError" }));
  });

  it("defaults to the unspecified address of its family", () => {
    expect(new SockAddr().toString()).toBe("0.0.0.0:0");
    expect(new SockAddr(AF_INET6).toString()).toBe("[::]:0");
    expect(SockAddr.loopback(AF_INET6, 7).toString()).toBe("[::1]:7");
  });

  it("copies, clones and compares in place", () => {
    const a = SockAddr.from("10.0.0.1", 1);
    const b = new SockAddr(AF_INET6);
    expect(b.copyFrom(a)).toBe(b);
    expect(b.equals(a)).toBe(true);
    const c = a.clone();
    c.port = 2;
    expect(c.equals(a)).toBe(false);
    expect(a.port).toBe(1);
  });

  it("takes what a real Node socket reports, and gives Node its family name", async () => {
    for (const type of ["udp4", "udp6"] as const) {
      const socket = createSocket(type);
      await new Promise<void>((resolve) => socket.bind(0, type === "udp4" ? "127.0.0.1" : "::1", resolve));
      const addr = SockAddr.fromAddressInfo(socket.address());
      socket.close();
      expect(addr.family).toBe(type === "udp4" ? AF_INET : AF_INET6);
      expect(addr.nodeFamily).toBe(type === "udp4" ? "IPv4" : "IPv6");
      expect(addr.port).toBeGreaterThan(0);
      expect(addr.address).toBe(type === "udp4" ? "127.0.0.1" : "::1");
    }
  });
});
