// Small sends (issue 17): 100-byte messages sent in turns of 1,000, through WskSend (batched by
// wskit: corked for the turn) and through raw socket.write corked the same way, to a sink in a
// child process; the sender's CPU per message, rounds interleaved, medians, ratio raw / wskit
// (≥ 0.9 is the goal: higher is better). Also 64 KiB sends (not corked, on either side).
//
//   pnpm bench            (from packages/stream; turbo builds first: this measures dist/)
import { fork } from "node:child_process";
import { connect as netConnect, type Socket } from "node:net";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { createIrpPool, createWskBuf, IoSetCompletionRoutine, STATUS_MORE_PROCESSING_REQUIRED, STATUS_SUCCESS, wskBufStatus, wskBufViews, type IRP, type WskBuf } from "@wskit/core";
import { completeRequestAtOnce } from "@wskit/core/provider";
import { connect, type ConnectionSocket } from "@wskit/stream";
import { median, result, writeResults, type BenchResult } from "../../../configs/bench";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const ROUNDS = 15;
const SECTION = "send: ";

const sink = fork(fileURLToPath(new URL("../../../configs/tcpSink.mjs", import.meta.url)), [], { stdio: ["ignore", "pipe", "ignore", "ipc"] });
const port = await new Promise<number>((resolve) => sink.stdout?.once("data", (line: Buffer) => resolve(Number(String(line).trim()))));

interface Path {
  key: string;
  label: string;
  run(messages: number, size: number): Promise<void>;
}

async function rawPath(): Promise<Path & { close(): void }> {
  const socket: Socket = netConnect(port, "127.0.0.1");
  await new Promise((resolve) => socket.once("connect", resolve));
  return {
    key: "raw",
    label: "raw socket.write (small ones corked per turn)",
    async run(messages, size) {
      const message = Buffer.alloc(size, 1);
      for (let sent = 0; sent < messages; sent += 1000) {
        await new Promise<void>((resolve) => {
          let written = 0;
          const onWritten = () => {
            if (++written === 1000) resolve();
          };
          // Corked as wskit corks: small messages only.
          const cork = size <= 16 * 1024;
          if (cork) socket.cork();
          for (let i = 0; i < 1000; i++) socket.write(message, onWritten);
          if (cork) process.nextTick(() => socket.uncork());
        });
      }
    },
    close: () => socket.destroy(),
  };
}

// The faithful way, as a driver sends: pooled IRPs, one completion routine, no promise per send.
async function wskitPath(): Promise<Path & { close(): Promise<void> }> {
  const socket: ConnectionSocket = await connect(`127.0.0.1:${port}`, { disposeTimeout: 0 });
  const pool = createIrpPool(1000);
  return {
    key: "wskit",
    label: "WskSend, pooled IRPs (batched per turn)",
    async run(messages, size) {
      const buffer: WskBuf = createWskBuf(new Uint8Array(size).fill(1));
      for (let sent = 0; sent < messages; sent += 1000) {
        await new Promise<void>((resolve, reject) => {
          let completed = 0;
          const routine = (_device: unknown, irp: IRP) => {
            if (irp.IoStatus.Status !== STATUS_SUCCESS) reject(new Error("a send failed"));
            pool.free(irp);
            if (++completed === 1000) resolve();
            return STATUS_MORE_PROCESSING_REQUIRED;
          };
          for (let i = 0; i < 1000; i++) {
            const irp = pool.allocate();
            IoSetCompletionRoutine(irp, routine, null, true, true, true);
            socket.Dispatch.WskSend(socket, buffer, 0, irp);
          }
        });
      }
    },
    close: () => socket[Symbol.asyncDispose](),
  };
}

// A turn of 1,000 sends' best time over many (after a warm-up), in µs per send: what the work
// costs at the least, with the machine's noise left out.
async function bestTurn(turn: () => Promise<void>): Promise<number> {
  let best = Infinity;
  for (let trial = 0; trial < 2000; trial++) {
    const before = process.hrtime.bigint();
    await turn();
    if (trial >= 200) best = Math.min(best, Number(process.hrtime.bigint() - before) / 1000 / 1000);
  }
  return best;
}

// The floor of any IRP-per-send path, with no socket and no system call: per send, a pooled IRP
// with its completion routine, the WSK_BUF checked and its bytes copied into a staging buffer,
// then completed through the completion queue, its routine run and the IRP freed. A turn that
// only computes, so its best wall time of many is its CPU time at the least: raw socket.write's
// whole cost per message, its system call included, is the figure to hold it against.
async function irpModelFloor(size: number, bufferWork = true): Promise<number> {
  const pool = createIrpPool(1000);
  const buffer = createWskBuf(new Uint8Array(size).fill(1));
  const staging = new Uint8Array(64 * 1024);
  const turn = () =>
    new Promise<void>((resolve) => {
      let completed = 0;
      const routine = (_device: unknown, irp: IRP) => {
        pool.free(irp);
        if (++completed === 1000) resolve();
        return STATUS_MORE_PROCESSING_REQUIRED;
      };
      let at = 0;
      for (let i = 0; i < 1000; i++) {
        const irp = pool.allocate();
        IoSetCompletionRoutine(irp, routine, null, true, true, true);
        if (bufferWork) {
          if (wskBufStatus(buffer) !== STATUS_SUCCESS) throw new Error("a bad WSK_BUF");
          if (at + size > staging.byteLength) at = 0;
          staging.set(wskBufViews(buffer) as Uint8Array, at);
          at += size;
        }
        completeRequestAtOnce(irp, STATUS_SUCCESS, size);
      }
    });
  return bestTurn(turn);
}

// The same floor for raw's side: Node's corked write machinery per message (a Writable whose
// writev does nothing), no socket and no system call either.
async function corkedWriteFloor(size: number): Promise<number> {
  const writable = new Writable({ writev: (_chunks, done) => done() });
  const message = Buffer.alloc(size, 1);
  const turn = () =>
    new Promise<void>((resolve) => {
      let written = 0;
      const onWritten = () => {
        if (++written === 1000) resolve();
      };
      writable.cork();
      for (let i = 0; i < 1000; i++) writable.write(message, onWritten);
      process.nextTick(() => writable.uncork());
    });
  return bestTurn(turn);
}

const raw = await rawPath();
const wskit = await wskitPath();
const results: BenchResult[] = [];
for (const [size, messages] of [
  [100, 20_000],
  [64 * 1024, 2_000],
] as const) {
  const cpu = new Map<string, number[]>([
    ["raw", []],
    ["wskit", []],
  ]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const path of round % 2 === 0 ? [raw, wskit] : [wskit, raw]) {
      const before = process.cpuUsage();
      await path.run(messages, size);
      const used = process.cpuUsage(before);
      cpu.get(path.key)?.push((used.user + used.system) / messages);
    }
  }
  const rawCpu = median(cpu.get("raw") ?? []);
  const wskitCpu = median(cpu.get("wskit") ?? []);
  const label = size === 100 ? "100-byte messages, 1,000 a turn" : "64 KiB sends, 1,000 a turn";
  results.push(result(`${SECTION}tcp ${label}: ${raw.label}`, "sender CPU µs/message (lower is better)", rawCpu));
  results.push(result(`${SECTION}tcp ${label}: ${wskit.label}`, "sender CPU µs/message (lower is better)", wskitCpu, rawCpu));
  results.push(result(`${SECTION}tcp ${label}: raw / WskSend`, "speed ratio (≥ 0.9 is the goal, higher is better)", rawCpu / wskitCpu));
  if (size === 100) {
    // What both paths share (the socket, the system calls, the loop) is raw's cost less its own
    // floor; a WskSend path costs at least that plus the IRP floor, which bounds the ratio.
    const irpFloor = await irpModelFloor(size);
    const writeFloor = await corkedWriteFloor(size);
    results.push(result(`${SECTION}tcp ${label}: the IRP model's floor per send, no socket (IRP, routine, WSK_BUF check, copy, completion)`, "µs/send (best turn)", irpFloor));
    results.push(result(`${SECTION}tcp ${label}: corked socket.write's floor per message, no socket (a Writable whose writev does nothing)`, "µs/message (best turn)", writeFloor));
    results.push(result(`${SECTION}tcp ${label}: the best raw / WskSend any IRP-per-send path can reach`, "ratio: raw / (raw − write floor + IRP floor)", rawCpu / (rawCpu - writeFloor + irpFloor)));
    // The same bound for a send that checked nothing and moved no bytes: the IRP's round trip alone.
    const lifecycleFloor = await irpModelFloor(size, false);
    results.push(result(`${SECTION}tcp ${label}: the IRP's round trip alone, no socket (IRP, routine, completion)`, "µs/send (best turn)", lifecycleFloor));
    results.push(result(`${SECTION}tcp ${label}: the best raw / WskSend with no WSK_BUF check and no copy`, "ratio: raw / (raw − write floor + round trip)", rawCpu / (rawCpu - writeFloor + lifecycleFloor)));
  }
}
raw.close();
await wskit.close();
sink.kill();
writeResults(packageDir, results, SECTION);
process.exit(0);
