// SPEC §6: the heap of a steady receive loop over 10 M datagrams on the native engine (no
// JavaScript allocation per datagram), with the C sender of ../shared/bench at full speed: the
// growth between the 100,000th datagram and the 10,000,000th, after a collection each side, for
// WskReceiveFromEvent and reposted WskReceiveFrom IRPs. Adds its rows to bench/results.json;
// skipped where the native engine does not load or the C sender cannot be built.
//
//   pnpm bench            (from packages/dgram; turbo builds first: this measures dist/)
import { fileURLToPath } from "node:url";
import { result, writeResults, type BenchResult } from "../../../configs/bench";
import { cSender, cUdpSender, heapOver } from "../../../configs/receiveBench";
import { eventReceiver, irpReceiver, nativeAvailable } from "./receivers";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const SECTION = "heap: ";
const TOTAL = 10_000_000;

const sender = cSender();
if (sender === null || !(await nativeAvailable())) {
  console.log("heap benchmark skipped: the native engine or the C sender is not here");
  process.exit(0);
}

const results: BenchResult[] = [];
const paths = [
  ["WskReceiveFromEvent (native engine)", () => eventReceiver(undefined, "native")],
  ["reposted WskReceiveFrom IRPs (64 outstanding, pooled; native engine)", () => irpReceiver(64, undefined, "native")],
] as const;
for (const [label, open] of paths) {
  results.push(result(`${SECTION}heap growth over 10 M datagrams of 64 B (C sender): ${label}`, "bytes", await heapOver(open, cUdpSender(sender, 64), TOTAL)));
}
writeResults(packageDir, results, SECTION);
process.exit(0);
