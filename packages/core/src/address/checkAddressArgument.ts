import { programmerError } from "../errors";
import type { SockAddr } from "./SockAddr";

/**
 * The helpers' check of an address argument: a string (an address, or a host name to resolve) or
 * an address object (checked in full by the faithful call it reaches); null, undefined and other
 * primitives are ERR_INVALID_ARG_TYPE, thrown before anything starts.
 */
export function checkAddressArgument(api: string, name: string, value: unknown): asserts value is string | SockAddr {
  if (typeof value === "string" || (typeof value === "object" && value !== null)) return;
  throw programmerError("ERR_INVALID_ARG_TYPE", `${api}: ${name} must be an address string or a SockAddr; received ${value === null ? "null" : typeof value}`);
}
