// SPEC §6's sustained form, with the C sender of ../shared/bench at full speed for 2 s: datagrams
// delivered per second, receiver CPU per datagram and kernel drops, for raw node:dgram,
// WskReceiveFromEvent and reposted WskReceiveFrom IRPs, rounds interleaved and rotated, medians.
// Adds its rows to bench/results.json; skipped where the C sender's source or gcc is missing.
//
//   pnpm bench            (from packages/dgram; turbo builds first: this measures dist/)
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { median, result, writeResults, type BenchResult } from "../../../configs/bench";
import { cSender, rawUdpReceiver, sustained, trialOrder, type Receiver } from "../../../configs/receiveBench";
import { eventReceiver, irpReceiver, nativeAvailable } from "./receivers";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const ROUNDS = 5;
const SECTION = "sustained: ";

const sender = cSender();
if (sender === null) {
  console.log("sustained benchmark skipped: ../shared/bench/c-recvmmsg.c or gcc is not here");
  process.exit(0);
}

const paths: Array<[string, string, () => Promise<Receiver>]> = [
  ["raw", "raw node:dgram 'message'", () => rawUdpReceiver()],
  ["event", "WskReceiveFromEvent (node engine)", () => eventReceiver()],
  ["irp", "reposted WskReceiveFrom IRPs (8 outstanding, pooled; node engine)", () => irpReceiver(8)],
];
const native = await nativeAvailable();
if (native) {
  paths.push(["native-event", "WskReceiveFromEvent (native engine)", () => eventReceiver(undefined, "native")]);
  paths.push(["native-irp", "reposted WskReceiveFrom IRPs (64 outstanding, pooled; native engine)", () => irpReceiver(64, undefined, "native")]);
}

const results: BenchResult[] = [];
for (const size of [64, 1200]) {
  const runs = new Map<string, Array<Awaited<ReturnType<typeof sustained>>>>(paths.map(([key]) => [key, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [key, , open] of trialOrder(paths, round)) runs.get(key)?.push(await sustained(open, sender, size));
  }
  // The ceiling, in the same run: the C recvmmsg receiver with its own forked sender (--mode both).
  const ceiling: number[] = [];
  for (let round = 0; round < ROUNDS; round++) ceiling.push(cReceiverCpu(sender, size));
  const cCpu = median(ceiling);
  const of = (key: string, pick: (run: Awaited<ReturnType<typeof sustained>>) => number) => median((runs.get(key) ?? []).map(pick));
  results.push(result(`${SECTION}udp ${size} B, C sender at full speed (2 s): C recvmmsg receiver (--mode both)`, "receiver CPU µs/datagram (lower is better)", cCpu, null));
  for (const [key, label] of paths) {
    const name = `${SECTION}udp ${size} B, C sender at full speed (2 s): ${label}`;
    results.push(result(name, "datagrams/s delivered", of(key, (r) => r.perSecond), key === "raw" ? null : of("raw", (r) => r.perSecond)));
    results.push(result(name, "receiver CPU µs/datagram (lower is better)", of(key, (r) => r.cpuMicros), key === "raw" ? null : of("raw", (r) => r.cpuMicros)));
    results.push(result(name, "kernel drops per second (lower is better)", of(key, (r) => (r.kernelDrops ?? Number.NaN) / 2)));
    if (key.startsWith("native")) results.push(result(name, "receiver CPU vs the C recvmmsg receiver (×, lower is better)", of(key, (r) => r.cpuMicros) / cCpu, null));
  }
}
writeResults(packageDir, results, SECTION);

// The C receiver's CPU per datagram: its receive core's busy fraction over what it delivered.
function cReceiverCpu(binary: string, size: number): number {
  const out = execFileSync(binary, ["--mode", "both", "--size", String(size), "--duration", "2"], { encoding: "utf8" });
  const run = JSON.parse(out.trim().split("\n").pop() as string) as { pps: number; rxCpu: number };
  return (run.rxCpu / run.pps) * 1e6;
}
process.exit(0);
