import type { AddressInfo } from "node:net";
import { programmerError } from "../errors";
import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from "./ipAddress";
import { AF_INET, AF_INET6, type AddressFamily } from "../headers/ws2def";
import { readBrand } from "../readBrand";
import { describeValue } from "../describeValue";

const kSockAddr = Symbol.for("@wskit/core.SockAddr");

/**
 * A transport address: what the pages pass as `PSOCKADDR` (a `SOCKADDR_IN` or `SOCKADDR_IN6`).
 *
 * It is mutable on purpose: a receive call fills the one its caller passed in (`RemoteAddress` of
 * WskReceiveFrom, `lpFrom` of WSPRecvFrom), so a receive loop can reuse one object for every datagram.
 * `address` is the canonical text (dotted quad, or RFC 5952 IPv6 with an optional `%zone`).
 *
 * @see https://learn.microsoft.com/windows/win32/api/ws2def/ns-ws2def-sockaddr
 */
export class SockAddr {
  /** @internal A brand that holds across ESM and CJS copies. */
  declare readonly [kSockAddr]: true;
  /** `AF_INET` (2) or `AF_INET6` (23). */
  family: AddressFamily;
  /** The IP address in canonical text. */
  address: string;
  /** The port, 0 to 65535; 0 in a bind asks for any free port. */
  port: number;

  /**
   * An address of `family`; with no address, the unspecified one (`0.0.0.0` or `::`), port 0.
   * @throws ERR_INVALID_ADDRESS_FAMILY, ERR_INVALID_IP_ADDRESS, ERR_SOCKET_BAD_PORT
   */
  constructor(family: AddressFamily = AF_INET, address?: string, port = 0) {
    if (family !== AF_INET && family !== AF_INET6) {
      throw programmerError("ERR_INVALID_ADDRESS_FAMILY", `family must be AF_INET (2) or AF_INET6 (23); received ${describeValue(family)}`);
    }
    this.family = family;
    this.address = address === undefined ? (family === AF_INET ? "0.0.0.0" : "::") : canonicalAddress(address, family);
    this.port = checkPort(port);
  }

  /**
   * An address from text: `SockAddr.from("127.0.0.1", 9000)`, `SockAddr.from("[::1]:9000")`,
   * `SockAddr.from("::1", 0)`. The family follows from the text.
   * @throws ERR_INVALID_ARG_TYPE, ERR_INVALID_IP_ADDRESS, ERR_SOCKET_BAD_PORT
   */
  static from(address: string, port?: number): SockAddr {
    if (typeof address !== "string") {
      throw programmerError("ERR_INVALID_ARG_TYPE", `address must be a string; received ${typeof address}`);
    }
    let host = address;
    let portNumber = port;
    if (port === undefined) {
      const split = splitHostPort(address);
      host = split.host;
      portNumber = split.port;
    }
    return new SockAddr(familyOf(host), host, portNumber ?? 0);
  }

  /** An address from what Node's `socket.address()` or a dgram `rinfo` returns. */
  static fromAddressInfo(info: Pick<AddressInfo, "address" | "port"> & { family: string | number }): SockAddr {
    if (typeof info !== "object" || info === null) throw programmerError("ERR_INVALID_ARG_TYPE", "SockAddr.fromAddressInfo: info must be an AddressInfo { address, family, port }");
    const family = info.family === "IPv6" || info.family === 6 ? AF_INET6 : AF_INET;
    return new SockAddr(family, info.address, info.port);
  }

  /**
   * True for a SockAddr from any copy of @wskit/core (ESM or CJS), where `instanceof` would only
   * recognise this copy's.
   */
  static is(value: unknown): value is SockAddr {
    return readBrand<true>(value, kSockAddr) === true;
  }

  /** The loopback address of `family` (`127.0.0.1` or `::1`). */
  static loopback(family: AddressFamily = AF_INET, port = 0): SockAddr {
    return new SockAddr(family, family === AF_INET6 ? "::1" : "127.0.0.1", port);
  }

  /** Node's name of the family: `"IPv4"` or `"IPv6"`. */
  get nodeFamily(): "IPv4" | "IPv6" {
    return this.family === AF_INET6 ? "IPv6" : "IPv4";
  }

  /** Makes this address a copy of `other`, in place (no allocation). @throws ERR_INVALID_ARG_TYPE when `other` is not a SockAddr. */
  copyFrom(other: SockAddr): this {
    if (!SockAddr.is(other)) throw programmerError("ERR_INVALID_ARG_TYPE", "SockAddr.copyFrom: other must be a SockAddr");
    this.family = other.family;
    this.address = other.address;
    this.port = other.port;
    return this;
  }

  /** A new SockAddr equal to this one. */
  clone(): SockAddr {
    return new SockAddr(this.family, this.address, this.port);
  }

  /** True when `other` is a SockAddr with the same family, address and port. */
  equals(other: SockAddr): boolean {
    if (!SockAddr.is(other)) return false;
    return this.family === other.family && this.port === other.port && this.address === other.address;
  }

  /** `127.0.0.1:9000` or `[::1]:9000`. */
  toString(): string {
    return this.family === AF_INET6 ? `[${this.address}]:${this.port}` : `${this.address}:${this.port}`;
  }
}

function familyOf(host: string): AddressFamily {
  return host.includes(":") ? AF_INET6 : AF_INET;
}

/** @internal Splits `host:port`, `[v6]:port` or a bare host (the port then undefined). */
export function splitHostPort(text: string): { host: string; port: number | undefined } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return { host: bracketed[1] ?? "", port: parsePortText(bracketed[2], text) };
  const colons = text.split(":").length - 1;
  if (colons === 1) {
    const at = text.indexOf(":");
    return { host: text.slice(0, at), port: parsePortText(text.slice(at + 1), text) };
  }
  return { host: text, port: undefined };
}

function parsePortText(digits: string | undefined, text: string): number | undefined {
  if (digits === undefined) return undefined;
  if (!/^\d{1,5}$/.test(digits)) {
    throw programmerError("ERR_SOCKET_BAD_PORT", `no valid port in ${JSON.stringify(text)}`);
  }
  return Number(digits);
}

function checkPort(port: number): number {
  if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 0xffff) {
    throw programmerError("ERR_SOCKET_BAD_PORT", `port must be an integer from 0 to 65535; received ${describeValue(port)}`);
  }
  return port;
}

function canonicalAddress(text: string, family: AddressFamily): string {
  if (typeof text !== "string") {
    throw programmerError("ERR_INVALID_ARG_TYPE", `address must be a string; received ${typeof text}`);
  }
  if (family === AF_INET) {
    const v4 = parseIPv4(text);
    if (v4 !== null) return formatIPv4(v4);
    if (parseIPv6(text.split("%")[0] ?? "") !== null) {
      throw programmerError("ERR_INVALID_ADDRESS_FAMILY", `${text} is an IPv6 address, not AF_INET`);
    }
  } else {
    const zoneAt = text.indexOf("%");
    const bare = zoneAt < 0 ? text : text.slice(0, zoneAt);
    const zone = zoneAt < 0 ? "" : text.slice(zoneAt);
    const groups = parseIPv6(bare);
    if (groups !== null && zone !== "%") return formatIPv6(groups) + zone;
    if (parseIPv4(text) !== null) {
      throw programmerError("ERR_INVALID_ADDRESS_FAMILY", `${text} is an IPv4 address, not AF_INET6`);
    }
  }
  throw programmerError("ERR_INVALID_IP_ADDRESS", `not an IP address: ${JSON.stringify(text)}`);
}

Object.defineProperty(SockAddr.prototype, kSockAddr, { value: true });
