// SPEC §6's send row: WskSendMessages of 64 × 64 B datagrams, the sender's CPU per datagram, on the
// native engine (one sendmmsg per batch, with UDP segmentation and without) and the node engine, against the C sendmmsg sender of
// ../shared/bench and raw node:dgram send(), all to one sink in a child process (so the sink's
// CPU is not the sender's), rounds interleaved and rotated, medians. On loopback the sender's system
// call also pays for delivery, which bounds every path. Adds its rows to bench/results.json.
//
//   pnpm bench            (from packages/dgram; turbo builds first: this measures dist/)
import { execFileSync, spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { fileURLToPath } from "node:url";
import { createWskBuf, IoSetCompletionRoutine, createIrpPool, SockAddr, STATUS_MORE_PROCESSING_REQUIRED, type IRP } from "@wskit/core";
import { openDatagramSocket, type DatagramEngineChoice, type WSK_BUF_LIST } from "@wskit/dgram";
import { median, result, writeResults, type BenchResult } from "../../../configs/bench";
import { cSender, trialOrder } from "../../../configs/receiveBench";
import { nativeAvailable } from "./receivers";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const SECTION = "send: ";
const ROUNDS = 9;
const DATAGRAMS = 128 * 1024;
const BATCH = 64;
const SIZE = 64;

const sender = cSender();
if (sender === null) {
  console.log("send benchmark skipped: ../shared/bench/c-recvmmsg.c or gcc is not here");
  process.exit(0);
}

// The sink: a child process that reads and drops (its CPU is its own).
const sink = spawn(process.execPath, ["-e", `const s = require("node:dgram").createSocket("udp4"); s.on("message", () => {}); s.bind(0, "127.0.0.1", () => { try { s.setRecvBufferSize(8 << 20); } catch {} console.log(s.address().port); });`], { stdio: ["ignore", "pipe", "inherit"] });
const sinkPort = await new Promise<number>((resolve) => sink.stdout.once("data", (data: Buffer) => resolve(Number(String(data).trim()))));

const cpuMicros = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return used.user + used.system;
};

async function wskSendMessages(engine: DatagramEngineChoice, sendSegmentation?: boolean): Promise<number> {
  const socket = await openDatagramSocket(sendSegmentation === undefined ? { engine } : { engine, sendSegmentation });
  const to = SockAddr.loopback(2, sinkPort);
  let list: WSK_BUF_LIST | null = null;
  for (let i = 0; i < BATCH; i++) list = { Next: list, Buffer: createWskBuf(new Uint8Array(SIZE)) };
  const irps = createIrpPool(8);
  let sent = 0;
  let issued = 0;
  const start = process.cpuUsage();
  await new Promise<void>((resolve) => {
    const post = (irp: IRP) => {
      issued += BATCH;
      IoSetCompletionRoutine(irp, done, null, true, true, true);
      socket.Dispatch.WskSendMessages(socket, list, 0, to, 0, null, irp);
    };
    const done = (_d: null, irp: IRP) => {
      sent += BATCH;
      if (issued < DATAGRAMS) post(irp);
      else {
        irps.free(irp);
        if (sent >= DATAGRAMS) resolve();
      }
      return STATUS_MORE_PROCESSING_REQUIRED;
    };
    for (let i = 0; i < 8; i++) post(irps.allocate());
  });
  const cpu = cpuMicros(start) / sent;
  await socket[Symbol.asyncDispose]();
  return cpu;
}

async function rawSend(): Promise<number> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const payload = Buffer.alloc(SIZE);
  let sent = 0;
  const start = process.cpuUsage();
  await new Promise<void>((resolve) => {
    const sendOne = () => socket.send(payload, sinkPort, "127.0.0.1", () => (++sent === DATAGRAMS ? resolve() : undefined));
    let issued = 0;
    const burst = () => {
      for (let i = 0; i < 512 && issued < DATAGRAMS; i++, issued++) sendOne();
      if (issued < DATAGRAMS) setImmediate(burst);
    };
    burst();
  });
  const cpu = cpuMicros(start) / sent;
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return cpu;
}

function cSendmmsg(): number {
  const out = execFileSync(sender as string, ["--mode", "send", "--port", String(sinkPort), "--count", String(DATAGRAMS), "--size", String(SIZE), "--batch", String(BATCH)], { encoding: "utf8" });
  const run = JSON.parse(out.trim().split("\n").pop() as string) as { sent: number; elapsed: number; txCpu: number };
  return (run.txCpu * run.elapsed * 1e6) / run.sent;
}

const paths: Array<[string, string, () => Promise<number>]> = [
  ["c", "C sendmmsg sender (64 per call)", async () => cSendmmsg()],
  ["raw", "raw node:dgram send()", rawSend],
  ["node", "WskSendMessages 64 × 64 B (node engine)", () => wskSendMessages("node")],
];
if (await nativeAvailable()) {
  paths.push(["native", "WskSendMessages 64 × 64 B (native engine: one sendmmsg, UDP segmentation)", () => wskSendMessages("native")]);
  paths.push(["native-plain", "WskSendMessages 64 × 64 B (native engine: one sendmmsg, sendSegmentation off)", () => wskSendMessages("native", false)]);
}

const cpu = new Map<string, number[]>(paths.map(([key]) => [key, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [key, , run] of trialOrder(paths, round)) cpu.get(key)?.push(await run());
}
const of = (key: string) => median(cpu.get(key) ?? []);
const results: BenchResult[] = [];
for (const [key, label] of paths) {
  const name = `${SECTION}udp ${SIZE} B to a sink process, ${DATAGRAMS.toLocaleString("en")} datagrams: ${label}`;
  results.push(result(name, "sender CPU µs/datagram (lower is better)", of(key), key === "raw" || key === "c" ? null : of("raw")));
  if (key !== "c") results.push(result(name, "sender CPU vs the C sendmmsg sender (×, lower is better)", of(key) / of("c"), null));
}
writeResults(packageDir, results, SECTION);
sink.kill();
process.exit(0);
