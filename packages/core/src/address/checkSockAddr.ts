import { parseIPv4, parseIPv6 } from "./ipAddress";
import { SockAddr } from "./SockAddr";
import {
  STATUS_INVALID_ADDRESS,
  STATUS_INVALID_ADDRESS_COMPONENT,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  type NTSTATUS,
} from "../headers/NTSTATUS";
import { AF_INET, AF_INET6 } from "../headers/ws2def";

/** What {@link checkSockAddr} accepts beyond a well-formed address of the family. */
export interface SockAddrRules {
  /** Port 0 is allowed (a bind: any free port); a destination needs a real port. */
  portZero: boolean;
}

// The last address text each family accepted: a send loop to one peer parses its text once.
let lastIPv4 = "";
let lastIPv6 = "";

/**
 * Provider side: checks an address a faithful call was given, as the contract asks, before the call
 * changes anything: STATUS_INVALID_PARAMETER for what is not a SockAddr or is one of the other
 * family; STATUS_INVALID_ADDRESS for a `family` that is neither AF_INET nor AF_INET6, or an
 * `address` that is not a literal of the family (a host name, an empty string, a number);
 * STATUS_INVALID_ADDRESS_COMPONENT for a port that is not an integer from 0 to 65535 (1 to 65535
 * when `portZero` is false); else STATUS_SUCCESS.
 *
 * A SockAddr is mutable, so a provider that keeps the address past the call keeps a `clone()` made
 * right after this check, and one that hands it to Node reads `address` and `port` once, at the call.
 */
export function checkSockAddr(value: unknown, family: number, rules: SockAddrRules): NTSTATUS {
  if (!SockAddr.is(value)) return STATUS_INVALID_PARAMETER;
  let addressFamily: unknown, address: unknown, port: unknown;
  try {
    ({ family: addressFamily, address, port } = value);
  } catch {
    return STATUS_INVALID_PARAMETER; // a client's accessor that throws: no address
  }
  if (addressFamily !== AF_INET && addressFamily !== AF_INET6) return STATUS_INVALID_ADDRESS;
  if (addressFamily !== family) return STATUS_INVALID_PARAMETER;
  if (!isLiteral(address, addressFamily)) return STATUS_INVALID_ADDRESS;
  if (typeof port !== "number" || !Number.isInteger(port) || port < (rules.portZero ? 0 : 1) || port > 0xffff) {
    return STATUS_INVALID_ADDRESS_COMPONENT;
  }
  return STATUS_SUCCESS;
}

function isLiteral(address: unknown, family: number): boolean {
  if (typeof address !== "string") return false;
  if (family === AF_INET) {
    if (address === lastIPv4) return true;
    if (parseIPv4(address) === null) return false;
    lastIPv4 = address;
    return true;
  }
  if (address === lastIPv6) return true;
  const zoneAt = address.indexOf("%");
  const bare = zoneAt < 0 ? address : address.slice(0, zoneAt);
  if (zoneAt === address.length - 1 || parseIPv6(bare) === null) return false;
  lastIPv6 = address;
  return true;
}
