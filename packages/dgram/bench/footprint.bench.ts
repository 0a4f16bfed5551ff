// What an idle socket costs and how fast its first datagram arrives (issue 11, SPEC §6): heap and
// buffer memory per bound UDP socket before and after traffic (1,000 sockets, against raw
// node:dgram sockets in the same run), and the time from a send to the first indication with
// SO_RCVBUF and the retention limit at 256 MiB (against the defaults). Adds its rows to
// bench/results.json after receive.bench.ts.
//
//   pnpm bench            (from packages/dgram; turbo builds first: this measures dist/)
import { createSocket, type Socket } from "node:dgram";
import { fileURLToPath } from "node:url";
import { SO_RCVBUF, SO_WSK_EVENT_CALLBACK, SockAddr, SOL_SOCKET, STATUS_SUCCESS, WSK_EVENT_RECEIVE_FROM, WskSetOption, runIrp } from "@wskit/core";
import { getDatagramCounters, openDatagramSocket, SO_WSKIT_RETENTION_LIMIT, type DatagramSocket } from "@wskit/dgram";
import { median, result, settledHeap, writeResults, type BenchResult } from "../../../configs/bench";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const SOCKETS = 1000;
const LATENCY_TRIALS = 9;
const SECTION = "footprint: ";

const memory = () => {
  settledHeap();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heapUsed, arrayBuffers };
};

async function localPort(socket: DatagramSocket): Promise<number> {
  const local = new SockAddr();
  await runIrp((irp) => socket.Dispatch.WskGetLocalAddress(socket, local, irp));
  return local.port;
}

function send(from: Socket, port: number, payload: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => from.send(payload, port, "127.0.0.1", (error) => (error ? reject(error) : resolve())));
}

async function idleCost(): Promise<BenchResult[]> {
  const sender = createSocket("udp4");
  await new Promise<void>((resolve) => sender.bind(0, "127.0.0.1", resolve));
  const payload = new Uint8Array(64);

  // Raw node:dgram: bound sockets, then one datagram each.
  const start = memory();
  const raw: Socket[] = [];
  let rawReceived = 0;
  for (let i = 0; i < SOCKETS; i++) {
    const socket = createSocket("udp4");
    socket.on("message", () => rawReceived++);
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
    raw.push(socket);
  }
  const rawIdle = memory();
  for (const socket of raw) await send(sender, socket.address().port, payload);
  while (rawReceived < SOCKETS) await new Promise((resolve) => setTimeout(resolve, 5));
  await new Promise((resolve) => setTimeout(resolve, 1200));
  const rawAfter = memory();
  for (const socket of raw) await new Promise<void>((resolve) => socket.close(() => resolve()));

  // wskit: bound datagram sockets with WskReceiveFromEvent, then one datagram each.
  const base = memory();
  const sockets: DatagramSocket[] = [];
  let indicated = 0;
  for (let i = 0; i < SOCKETS; i++) {
    const socket = await openDatagramSocket({ dispatch: { WskReceiveFromEvent: (_c, _f, head) => (head !== null && indicated++, STATUS_SUCCESS) } });
    socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);
    sockets.push(socket);
  }
  const idle = memory();
  for (const socket of sockets) await send(sender, await localPort(socket), payload);
  while (indicated < SOCKETS) await new Promise((resolve) => setTimeout(resolve, 5));
  // Idle: pools give wholly free slabs back a second after they emptied.
  await new Promise((resolve) => setTimeout(resolve, 1200));
  const after = memory();
  const queued = sockets.reduce((sum, socket) => sum + getDatagramCounters(socket).queued, 0);
  for (const socket of sockets) await socket[Symbol.asyncDispose]();
  sender.close();
  if (queued !== 0) throw new Error("queues should be empty after the callback took every datagram");

  const perSocket = (a: number, b: number) => (a - b) / SOCKETS / 1024;
  return [
    result(`${SECTION}idle bound UDP socket, before traffic`, "heap KiB per socket (lower is better)", perSocket(idle.heapUsed, base.heapUsed), perSocket(rawIdle.heapUsed, start.heapUsed)),
    result(`${SECTION}idle bound UDP socket, after one datagram (queue empty, 1 s idle)`, "heap KiB per socket (lower is better)", perSocket(after.heapUsed, base.heapUsed), perSocket(rawAfter.heapUsed, start.heapUsed)),
    // Raw node:dgram keeps no buffer of its own between datagrams: no baseline.
    result(`${SECTION}idle bound UDP socket, after one datagram (queue empty, 1 s idle)`, "buffer KiB per socket (lower is better)", perSocket(after.arrayBuffers, base.arrayBuffers)),
  ];
}

// From a send to its indication, on a fresh socket with the given bounds (null: the defaults).
async function firstDatagramMs(bound: number | null): Promise<number> {
  let arrived: (() => void) | null = null;
  const indicated = new Promise<void>((resolve) => (arrived = resolve));
  const socket = await openDatagramSocket({ dispatch: { WskReceiveFromEvent: () => (arrived?.(), STATUS_SUCCESS) } });
  if (bound !== null) {
    for (const option of [SO_RCVBUF, SO_WSKIT_RETENTION_LIMIT]) {
      const { Status } = await runIrp((irp) => socket.Dispatch.WskControlSocket(socket, WskSetOption, option, SOL_SOCKET, 4, bound, 0, null, null, irp));
      if (Status !== STATUS_SUCCESS) throw new Error(`option ${option}: ${Status.toString(16)}`);
    }
  }
  socket.Dispatch.WskControlSocket(socket, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET, 8, { EventMask: WSK_EVENT_RECEIVE_FROM }, 0, null, null, null);
  const sender = createSocket("udp4");
  await new Promise<void>((resolve) => sender.bind(0, "127.0.0.1", resolve));
  settledHeap();
  const started = performance.now();
  sender.send(new Uint8Array(64), await localPort(socket), "127.0.0.1");
  await indicated;
  const elapsed = performance.now() - started;
  sender.close();
  await socket[Symbol.asyncDispose]();
  return elapsed;
}

async function firstDatagram(): Promise<BenchResult[]> {
  const big: number[] = [];
  const defaults: number[] = [];
  for (let trial = 0; trial < LATENCY_TRIALS; trial++) {
    // Interleaved, alternating which goes first.
    if (trial % 2 === 0) {
      big.push(await firstDatagramMs(256 * 1024 * 1024));
      defaults.push(await firstDatagramMs(null));
    } else {
      defaults.push(await firstDatagramMs(null));
      big.push(await firstDatagramMs(256 * 1024 * 1024));
    }
  }
  return [result(`${SECTION}first datagram, SO_RCVBUF and retention limit 256 MiB (baseline: defaults)`, "ms from send to indication (lower is better)", median(big), median(defaults))];
}

const results = [...(await idleCost()), ...(await firstDatagram())];
writeResults(packageDir, results, SECTION);
