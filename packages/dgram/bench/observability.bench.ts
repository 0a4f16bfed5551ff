// SPEC §10's cost of observability, with the C sender of ../shared/bench: a slow consumer's socket
// (SO_RCVBUF at its 1 KiB minimum, nobody reading) drains bursts of 2,000 datagrams that all go
// down the drop path, with and without a `wskit:datagram:drop` subscriber, rounds interleaved and
// rotated, medians: the receiver CPU per datagram, and the ratio subscribed / not subscribed
// (goal ≤ 1.05). Adds its rows to bench/results.json; skipped where the C sender is missing.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { fileURLToPath } from "node:url";
import { CHANNEL_DATAGRAM_DROP, runIrp, SO_RCVBUF, SOL_SOCKET, WskSetOption } from "@wskit/core";
import { getDatagramCounters, openDatagramSocket, type DatagramEngineChoice } from "@wskit/dgram";
import { median, result, writeResults, type BenchResult } from "../../../configs/bench";
import { cSender, drain, trialOrder, type Receiver } from "../../../configs/receiveBench";
import { nativeAvailable } from "./receivers";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const ROUNDS = 31;
const SECTION = "observability: ";

const sender = cSender();
if (sender === null) {
  console.log("observability benchmark skipped: ../shared/bench/c-recvmmsg.c or gcc is not here");
  process.exit(0);
}

let dropMessages = 0;
const onDrop = () => void dropMessages++;

// A socket whose every datagram past the first few is dropped (queue full), counted without the
// kernel's figure (no syscall per poll). The kernel holds the burst (its buffer is asked large).
async function slowConsumer(engine: DatagramEngineChoice, subscribed: boolean): Promise<Receiver> {
  // 8 MiB first (the kernel's buffer, which only grows), then the queue's bound down to 1 KiB.
  const socket = await openDatagramSocket({ engine, receiveBufferSize: 8 * 1024 * 1024 });
  await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_RCVBUF, SOL_SOCKET, 4, 1024, 0, null, null, irp));
  if (subscribed) subscribe(CHANNEL_DATAGRAM_DROP, onDrop);
  return {
    port: socket.localAddress?.port ?? 0,
    count: () => getDatagramCounters(socket, { kernelDrops: false }).received,
    close: async () => {
      await socket[Symbol.asyncDispose]();
      if (subscribed) unsubscribe(CHANNEL_DATAGRAM_DROP, onDrop);
    },
  };
}

const engines: DatagramEngineChoice[] = ["node"];
if (await nativeAvailable()) engines.push("native");
const results: BenchResult[] = [];
for (const engine of engines) {
  const paths: Array<[string, string, () => Promise<Receiver>]> = [
    ["none", "no subscriber", () => slowConsumer(engine, false)],
    ["drop", "a wskit:datagram:drop subscriber", () => slowConsumer(engine, true)],
  ];
  const cpu = new Map<string, number[]>(paths.map(([key]) => [key, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [key, , open] of trialOrder(paths, round)) cpu.get(key)?.push((await drain(open, sender, 64)).cpuMicros);
  }
  const none = median(cpu.get("none") ?? []);
  for (const [key, label] of paths) {
    results.push(result(`${SECTION}slow consumer, every datagram dropped, 64 B bursts of 2,000 (${engine} engine): ${label}`, "receiver CPU µs/datagram (lower is better)", median(cpu.get(key) ?? []), key === "none" ? null : none));
  }
}
console.log(`${dropMessages} wskit:datagram:drop messages in all (aggregated per turn)`);
writeResults(packageDir, results, SECTION);
process.exit(0);
