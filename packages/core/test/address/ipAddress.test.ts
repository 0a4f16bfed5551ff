import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SocketAddress, isIPv4, isIPv6 } from "node:net";
import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from "../../src/address/ipAddress";

// Node's own SocketAddress formats with libuv's inet_ntop: the same text Node puts in every rinfo.
const nodeText = (address: string) => new SocketAddress({ address, family: "ipv6" }).address;

const groupsArb = fc.array(fc.oneof(fc.constant(0), fc.constant(0xffff), fc.integer({ min: 0, max: 0xffff })), {
  minLength: 8,
  maxLength: 8,
});

describe("IPv4 text", () => {
  it("round-trips every 32-bit address", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (value) => {
        const text = formatIPv4(value);
        expect(isIPv4(text)).toBe(true);
        expect(parseIPv4(text)).toBe(value);
      }),
    );
  });
});

describe("IPv6 text", () => {
  it("formats exactly as Node (libuv inet_ntop) does", () => {
    fc.assert(
      fc.property(groupsArb, (groups) => {
        const full = groups.map((g) => g.toString(16)).join(":");
        expect(formatIPv6(groups)).toBe(nodeText(full));
      }),
      { numRuns: 2000 },
    );
  });

  it("parses its own canonical text and Node's full form back to the same groups", () => {
    fc.assert(
      fc.property(groupsArb, (groups) => {
        const text = formatIPv6(groups);
        expect(isIPv6(text)).toBe(true);
        expect(parseIPv6(text)).toEqual(groups);
        expect(parseIPv6(groups.map((g) => g.toString(16).padStart(4, "0")).join(":"))).toEqual(groups);
      }),
    );
  });

  it.each(["", ":", ":::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "::1::", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4:5", "g::1"])(
    "rejects %j",
    (text) => {
      expect(parseIPv6(text)).toBeNull();
      expect(isIPv6(text)).toBe(false);
    },
  );
});
