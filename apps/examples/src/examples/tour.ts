// A short tour of what wskit has today: the NTSTATUS model, addresses, errors and the Winsock
// mapping, each checked against what it must print. Exits non-zero on any wrong result.
import { createSocket } from "node:dgram";
import {
  NT_ERROR,
  NT_SUCCESS,
  NT_WARNING,
  NTSTATUS,
  SockAddr,
  STATUS_BUFFER_OVERFLOW,
  STATUS_CANCELLED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  WskError,
  ntStatusName,
} from "@wskit/core";
import { wsaErrorFromNtStatus } from "@wskit/dgram";
import { check } from "../check.js";

console.log("NTSTATUS severities:");
for (const status of [STATUS_SUCCESS, STATUS_PENDING, STATUS_BUFFER_OVERFLOW, STATUS_CANCELLED]) {
  const hex = `0x${status.toString(16).toUpperCase().padStart(8, "0")}`;
  console.log(
    `  ${ntStatusName(status).padEnd(24)} ${hex}  success=${NT_SUCCESS(status)} warning=${NT_WARNING(status)} error=${NT_ERROR(status)}`,
  );
}
check(NT_SUCCESS(STATUS_PENDING) && NT_WARNING(STATUS_BUFFER_OVERFLOW) && NT_ERROR(STATUS_CANCELLED), "severities");
check(ntStatusName(0xc0001234) === "0xC0001234", "unknown status prints as hex");

console.log("\nAddresses (canonical text, as Node reports them):");
for (const text of ["127.0.0.1:9000", "[0:0:0:0:0:0:0:1]:53", "[2001:DB8:0:0:1:0:0:1]:443"]) {
  const addr = SockAddr.from(text);
  console.log(`  ${text.padEnd(28)} → family ${addr.family} ${addr.toString()}`);
}
check(SockAddr.from("[0:0:0:0:0:0:0:1]:53").toString() === "[::1]:53", "IPv6 canonical form");

console.log("\nA real bind conflict on loopback, as the status an idiomatic helper rejects with:");
const first = createSocket("udp4");
await new Promise<void>((resolve) => first.bind(0, "127.0.0.1", resolve));
const second = createSocket("udp4");
const nodeError = await new Promise<NodeJS.ErrnoException>((resolve) => {
  second.once("error", resolve);
  second.bind(first.address().port, "127.0.0.1");
});
first.close();
second.close();
const error = WskError.fromNodeError(nodeError);
const wsaError = wsaErrorFromNtStatus(error.status);
console.log(`  ${nodeError.code} → ${error.code} (0x${error.status.toString(16).toUpperCase()}) → Winsock ${wsaError}`);
check(error.code === "STATUS_ADDRESS_ALREADY_EXISTS" && wsaError === 10048, "EADDRINUSE maps to WSAEADDRINUSE");

console.log(`\n${Object.keys(NTSTATUS).length} statuses named; the tour's checks all hold.`);
