// SPEC §6's drain form, with the C sender of ../shared/bench: the event loop is blocked while a
// burst of 2,000 datagrams fills the socket, then the CPU (and wall time) per datagram to deliver
// it, for raw node:dgram, WskReceiveFromEvent and reposted WskReceiveFrom IRPs, rounds interleaved
// and rotated, medians. A Node sender would hide what the receiver costs. The floor for the same
// work is a C recvmmsg receiver draining the same bursts (configs/cDrainReceiver.c); the native
// engine is also given as a ratio to it. Adds its rows to bench/results.json; skipped where the C
// sender's source or gcc is missing.
//
//   pnpm bench            (from packages/dgram; turbo builds first: this measures dist/)
import { fileURLToPath } from "node:url";
import { median, result, writeResults, type BenchResult } from "../../../configs/bench";
import { cDrainFloor, cSender, drain, rawUdpReceiver, trialOrder, type Receiver } from "../../../configs/receiveBench";
import { eventReceiver, irpReceiver, nativeAvailable } from "./receivers";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const ROUNDS = 41;
const SECTION = "drain: ";
const RECEIVE_BUFFER = 8 * 1024 * 1024;

const sender = cSender();
if (sender === null) {
  console.log("drain benchmark skipped: ../shared/bench/c-recvmmsg.c or gcc is not here");
  process.exit(0);
}

type Trial = (size: number) => Promise<{ cpuMicros: number; lost: number }>;
// A trial of a receiver in this process: drain() opens it, blasts, and measures this process.
const inProcess = (open: () => Promise<Receiver>): Trial => (size) => drain(open, sender, size);
const paths: Array<[string, string, Trial]> = [
  ["raw", "raw node:dgram 'message'", inProcess(() => rawUdpReceiver(RECEIVE_BUFFER))],
  ["event", "WskReceiveFromEvent (node engine)", inProcess(() => eventReceiver(RECEIVE_BUFFER))],
  ["irp", "reposted WskReceiveFrom IRPs (8 outstanding, pooled; node engine)", inProcess(() => irpReceiver(8, RECEIVE_BUFFER))],
];
if (await nativeAvailable()) {
  paths.push(["native-event", "WskReceiveFromEvent (native engine)", inProcess(() => eventReceiver(RECEIVE_BUFFER, "native"))]);
  paths.push(["native-irp", "reposted WskReceiveFrom IRPs (8 outstanding, pooled; native engine)", inProcess(() => irpReceiver(8, RECEIVE_BUFFER, "native"))]);
}
const floor = await cDrainFloor(sender);
if (floor !== null) paths.push(["c", "C recvmmsg receiver, same bursts (the floor for this work)", (size) => floor.drain(size)]);

const results: BenchResult[] = [];
for (const size of [64, 1200]) {
  const cpu = new Map<string, number[]>(paths.map(([key]) => [key, []]));
  let lost = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const [key, , trial] of trialOrder(paths, round)) {
      const run = await trial(size);
      cpu.get(key)?.push(run.cpuMicros);
      lost += run.lost;
    }
  }
  if (lost > 0) console.log(`drain ${size} B: ${lost} datagrams of the bursts not delivered (kernel drops)`);
  const raw = median(cpu.get("raw") ?? []);
  const name = (label: string) => `${SECTION}udp ${size} B, burst of 2,000 (C sender): ${label}`;
  for (const [key, label] of paths) {
    results.push(result(name(label), "receiver CPU µs/datagram (lower is better)", median(cpu.get(key) ?? []), key === "raw" || key === "c" ? null : raw));
  }
  if (floor !== null && cpu.has("native-event")) {
    const c = median(cpu.get("c") ?? []);
    results.push(result(name("WskReceiveFromEvent (native engine) vs the C floor"), "receiver CPU vs the C receiver's (1.0 is the floor)", median(cpu.get("native-event") ?? []) / c));
  }
}
floor?.close();
writeResults(packageDir, results, SECTION);
process.exit(0);
