import { checkOptions } from "../checkOptions";
import { checkAbortSignal } from "../irp/checkAbortSignal";
import { lookup } from "node:dns/promises";
import { ntStatusFromErrno, WskError } from "../errors";
import { STATUS_NOT_FOUND } from "../headers/NTSTATUS";
import { ntStatusName } from "../headers/ntStatusName";
import { ntStatusText } from "../headers/ntStatusText";
import { AF_INET, AF_INET6, type AddressFamily } from "../headers/ws2def";
import { abortReason } from "../irp/runFailure";
import { parseIPv4, parseIPv6 } from "./ipAddress";
import { SockAddr, splitHostPort } from "./SockAddr";

/** Options of {@link lookupSockAddr}. */
export interface LookupSockAddrOptions {
  /** Resolve a host name to this family only (a datagram socket's family); default either, the first the resolver gives. */
  family?: AddressFamily | undefined;
  /** Aborting it rejects with `signal.reason` (the lookup itself runs on). */
  signal?: AbortSignal | undefined;
}

/**
 * An address from `host:port` text, as node:net and node:dgram take it: an IP literal
 * (`"127.0.0.1:80"`, `"[::1]:80"`) is parsed at once; a host name (`"localhost:9201"`) is resolved
 * with `dns.lookup`, the operating system's resolver (hosts file included).
 *
 * @throws ERR_INVALID_ARG_TYPE, ERR_INVALID_IP_ADDRESS, ERR_SOCKET_BAD_PORT for text that is no
 *   address (an empty host, a bad port); WskError STATUS_NOT_FOUND (`cause` the resolver's
 *   ENOTFOUND error) for a name that does not resolve, STATUS_RETRY for a temporary failure.
 */
export async function lookupSockAddr(text: string, options: LookupSockAddrOptions = {}): Promise<SockAddr> {
  checkOptions("lookupSockAddr", options);
  checkAbortSignal("lookupSockAddr", options.signal);
  if (typeof text !== "string") return SockAddr.from(text);
  const { host, port } = splitHostPort(text);
  if (host === "" || isIpLiteral(host)) return SockAddr.from(text);
  if (!/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9.])?$/.test(host) || host.length > 253) return SockAddr.from(text); // not a host name: the literal's error
  const { signal } = options;
  if (signal?.aborted === true) throw abortReason(signal);
  const family = options.family === AF_INET ? 4 : options.family === AF_INET6 ? 6 : 0;
  let resolved: { address: string; family: number };
  try {
    resolved = await lookup(host, { family });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const status = code === "ENOTFOUND" ? STATUS_NOT_FOUND : ntStatusFromErrno(code);
    const text = ntStatusText(status) ?? code ?? "failed";
    throw new WskError(status, { message: `getaddrinfo ${host}: ${text} (${ntStatusName(status)})`, cause: error, syscall: "getaddrinfo" });
  }
  // The resolver cannot be stopped; an abort while it ran still rejects with the reason.
  if (options.signal?.aborted === true) throw abortReason(options.signal);
  return new SockAddr(resolved.family === 6 ? AF_INET6 : AF_INET, resolved.address, port ?? 0);
}

function isIpLiteral(host: string): boolean {
  return parseIPv4(host) !== null || parseIPv6(host.split("%")[0] ?? "") !== null || host.includes(":");
}
