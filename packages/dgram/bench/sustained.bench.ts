// SPEC §6's sustained form, with the C sender of ../shared/bench at full speed for 2 s: datagrams
// delivered per second, receiver CPU per datagram and kernel drops, for raw node:dgram,
// WskReceiveFromEvent and reposted WskReceiveFrom IRPs, rounds interleaved and rotated, medians.
// Adds its rows to bench/results.json; skipped where the C sender's source or gcc is missing.
//
//   pnpm bench            (from packages/dgram; turbo builds first: this measures dist/)
import { fileURLToPath } from "node:url";
import { median, result, writeResults, type BenchResult } from "../../../configs/bench";
import { cSender, rawUdpReceiver, sustained, trialOrder, type Receiver } from "../../../configs/receiveBench";
import { eventReceiver, irpReceiver } from "./receivers";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const ROUNDS = 5;
const SECTION = "sustained: ";

const sender = cSender();
if (sender === null) {
  console.log("sustained benchmark skipped: ../shared/bench/c-recvmmsg.c or gcc is not here");
  process.exit(0);
}

const paths: ReadonlyArray<[string, string, () => Promise<Receiver>]> = [
  ["raw", "raw node:dgram 'message'", () => rawUdpReceiver()],
  ["event", "WskReceiveFromEvent", () => eventReceiver()],
  ["irp", "reposted WskReceiveFrom IRPs (8 outstanding, pooled)", () => irpReceiver(8)],
];

const results: BenchResult[] = [];
for (const size of [64, 1200]) {
  const runs = new Map<string, Array<Awaited<ReturnType<typeof sustained>>>>(paths.map(([key]) => [key, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [key, , open] of trialOrder(paths, round)) runs.get(key)?.push(await sustained(open, sender, size));
  }
  const of = (key: string, pick: (run: Awaited<ReturnType<typeof sustained>>) => number) => median((runs.get(key) ?? []).map(pick));
  for (const [key, label] of paths) {
    const name = `${SECTION}udp ${size} B, C sender at full speed (2 s): ${label}`;
    results.push(result(name, "datagrams/s delivered", of(key, (r) => r.perSecond), key === "raw" ? null : of("raw", (r) => r.perSecond)));
    results.push(result(name, "receiver CPU µs/datagram (lower is better)", of(key, (r) => r.cpuMicros), key === "raw" ? null : of("raw", (r) => r.cpuMicros)));
    results.push(result(name, "kernel drops per second (lower is better)", of(key, (r) => (r.kernelDrops ?? Number.NaN) / 2)));
  }
}
writeResults(packageDir, results, SECTION);
process.exit(0);
