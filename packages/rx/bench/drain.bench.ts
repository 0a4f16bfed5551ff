// SPEC §6's drain form for @wskit/rx, with the C sender of ../shared/bench (a Node sender caps near
// 180 k datagrams/s and hides what the receiver costs): the event loop is blocked while a burst of
// 2,000 datagrams fills the socket, then the receiver CPU per datagram to deliver it, for the raw
// WskReceiveFromEvent callback and the reposted-IRP loop, and the Observables built on them
// (datagramIndications; it with retain + release of each; wskReceiveFrom), on each engine, rounds
// interleaved and rotated, medians. Each Observable is compared with its raw path on its engine. Adds its rows to bench/results.json.
//
//   pnpm bench            (from packages/rx; turbo builds first: this measures dist/)
import { fileURLToPath } from "node:url";
import { openDatagramSocket, type DatagramEngineChoice } from "@wskit/dgram";
import { median, result, writeResults, type BenchResult } from "../../../configs/bench";
import { cSender, drain, trialOrder, type Receiver } from "../../../configs/receiveBench";
import { irpReceiver } from "../../dgram/bench/receivers";
import { callbackReceiver, indicationsPath, irpLoopPath, observableReceiver } from "./receivers";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const ROUNDS = 41;
const SECTION = "drain: ";
const RECEIVE_BUFFER = 8 * 1024 * 1024;

const sender = cSender();
if (sender === null) {
  console.log("rx drain benchmark skipped: ../shared/bench/c-recvmmsg.c or gcc is not here");
  process.exit(0);
}

const engines: DatagramEngineChoice[] = ["node"];
try {
  await (await openDatagramSocket({ engine: "native" }))[Symbol.asyncDispose]();
  engines.unshift("native");
} catch {
  // the node engine only
}

const results: BenchResult[] = [];
for (const engine of engines) {
  const paths: Array<[string, string, () => Promise<Receiver>]> = [
    ["callback", "raw WskReceiveFromEvent callback", () => callbackReceiver(engine, RECEIVE_BUFFER)],
    ["observable", "datagramIndications Observable", () => observableReceiver(indicationsPath, false, engine, RECEIVE_BUFFER)],
    ["retained", "datagramIndications, retain + release each", () => observableReceiver(indicationsPath, true, engine, RECEIVE_BUFFER)],
    ["irps", "raw reposted WskReceiveFrom IRPs (8 outstanding, pooled, asking for the sender as wskReceiveFrom does)", () => irpReceiver(8, RECEIVE_BUFFER, engine, true)],
    ["irpLoop", "wskReceiveFrom Observable (8 pooled IRPs)", () => observableReceiver(irpLoopPath, false, engine, RECEIVE_BUFFER)],
  ];
  for (const size of [64, 1200]) {
    const cpu = new Map<string, number[]>(paths.map(([key]) => [key, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [key, , open] of trialOrder(paths, round)) cpu.get(key)?.push((await drain(open, sender, size)).cpuMicros);
    }
    // Each Observable against the raw path it is built on: datagramIndications on the event
    // callback, wskReceiveFrom on the reposted IRP loop (and that loop, for scale, on the callback).
    const baselineOf: Record<string, string | null> = { callback: null, observable: "callback", retained: "callback", irps: "callback", irpLoop: "irps" };
    for (const [key, label] of paths) {
      const base = baselineOf[key] ?? null;
      const name = `${SECTION}udp ${size} B, burst of 2,000 (C sender), ${engine} engine: ${label}${base === null ? "" : ` (baseline: ${base === "irps" ? "raw reposted IRPs" : "raw callback"})`}`;
      results.push(result(name, "receiver CPU µs/datagram (lower is better)", median(cpu.get(key) ?? []), base === null ? null : median(cpu.get(base) ?? [])));
    }
  }
}
writeResults(packageDir, results, SECTION);
process.exit(0);
