// SPEC §6: the heap of a steady receive loop over 10 M datagrams on the native engine (no
// JavaScript allocation per datagram), with the C sender of ../shared/bench at full speed: the
// growth between the 100,000th datagram and the 10,000,000th, after a collection each side, for
// WskReceiveFromEvent and reposted WskReceiveFrom IRPs; and what a drain allocates at all (growth
// shows what is kept; allocation also shows garbage): the heap used before and after delivering a
// burst of 2,000, collected before it, young generation large enough that nothing is collected
// during it (run with --max-semi-space-size=64). Adds its rows to bench/results.json; skipped
// where the native engine does not load or the C sender cannot be built.
//
//   pnpm bench            (from packages/dgram; turbo builds first: this measures dist/)
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { getHeapStatistics } from "node:v8";
import { median, result, writeResults, type BenchResult } from "../../../configs/bench";
import { cSender, cUdpSender, heapOver, type Receiver } from "../../../configs/receiveBench";
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
for (const size of [64, 1200]) {
  for (const [label, open] of paths) {
    results.push(result(`${SECTION}heap allocated per datagram while a burst of 2,000 × ${size} B drains: ${label}`, "bytes (includes the measuring loop's turns)", await allocatedPerDatagram(await open(), size)));
  }
}

async function allocatedPerDatagram(receiver: Receiver, size: number): Promise<number> {
  const perDatagram: number[] = [];
  for (let round = 0; round < 25; round++) {
    const before = receiver.count();
    execFileSync(sender as string, ["--mode", "send", "--port", String(receiver.port), "--count", "2000", "--size", String(size)], { stdio: "ignore" });
    (globalThis as { gc?: () => void }).gc?.();
    const heapBefore = getHeapStatistics().used_heap_size;
    for (let turns = 0; receiver.count() - before < 2000 && turns < 100_000; turns++) await new Promise((resolve) => setImmediate(resolve));
    const heapAfter = getHeapStatistics().used_heap_size;
    // The first rounds warm the JIT up (and let the slots grow to their batch size).
    if (round >= 5) perDatagram.push((heapAfter - heapBefore) / (receiver.count() - before));
  }
  await receiver.close();
  return median(perDatagram);
}
writeResults(packageDir, results, SECTION);
process.exit(0);
