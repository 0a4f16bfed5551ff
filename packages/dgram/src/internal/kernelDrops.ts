// The kernel's count of datagrams it dropped for a socket (its receive buffer was full), from the
// socket's row of /proc/net/udp or /proc/net/udp6 (the `drops` column). Read only when counters are
// read, never on the receive path. Node gives no file descriptor, so the row is found by the bound
// address and port, which an exclusive bind makes unique.
import { readFileSync } from "node:fs";
import { AF_INET6, parseIPv6, type SockAddr } from "@wskit/core";

/** The socket's kernel drop count now, or null where the platform gives none (not Linux, no row). */
export function kernelDrops(local: SockAddr | null): number | null {
  if (local === null || process.platform !== "linux") return null;
  const v6 = local.family === AF_INET6;
  const wanted = `${v6 ? hexIPv6(local.address) : hexIPv4(local.address)}:${local.port.toString(16).toUpperCase().padStart(4, "0")}`;
  let table: string;
  try {
    table = readFileSync(v6 ? "/proc/net/udp6" : "/proc/net/udp", "latin1");
  } catch {
    return null;
  }
  for (const line of table.split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] === wanted) {
      const drops = Number(fields[12]);
      return Number.isInteger(drops) ? drops : null;
    }
  }
  return null;
}

// The kernel prints each 32-bit word of an address in host byte order (little-endian here).
function hexIPv4(address: string): string {
  return address.split(".").reverse().map((octet) => Number(octet).toString(16).toUpperCase().padStart(2, "0")).join("");
}

function hexIPv6(address: string): string {
  const groups = parseIPv6(address.split("%")[0] ?? "") ?? [];
  let out = "";
  for (let word = 0; word < 4; word++) {
    const high = groups[word * 2] ?? 0;
    const low = groups[word * 2 + 1] ?? 0;
    const bytes = [high >> 8, high & 0xff, low >> 8, low & 0xff].reverse();
    out += bytes.map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join("");
  }
  return out;
}
