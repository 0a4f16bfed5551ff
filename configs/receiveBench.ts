// The receive benchmarks' shared harness (dgram, stream, rx): a receiver counts what arrives, a
// sender in a child process feeds it, and each trial measures the rate and the receiving process's
// CPU time per unit over a fixed window after a warm-up.
import { fork } from "node:child_process";
import { createSocket } from "node:dgram";
import { createServer, type ServerOpts, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { settledHeap } from "./bench";

const WARMUP_MS = 400;
const WINDOW_MS = 1500;

/** What a trial measures: something listening on `port` that counts datagrams, bytes or messages. */
export interface Receiver {
  port: number;
  count(): number;
  close(): Promise<void>;
}

/** A sender child process. */
export interface Sender {
  readonly exited: Promise<void>;
  stop(): void;
}

/** Starts a sender at `port` that runs for `seconds` at most. */
export type StartSender = (port: number, seconds: number) => Sender;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function startChild(script: string, args: readonly string[]): Sender {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return { exited, stop: () => void child.kill() };
}

/** A UDP sender of `size`-byte datagrams to 127.0.0.1. */
export const udpSender =
  (size: number): StartSender =>
  (port, seconds) =>
    startChild("./udpSender.mjs", [String(port), "127.0.0.1", String(size), String(seconds)]);

/** A TCP sender: "bulk" writes 64 KiB at a time, "frames" 100-byte messages, 655 to a write. */
export const tcpSender =
  (mode: "bulk" | "frames"): StartSender =>
  (port, seconds) =>
    startChild("./tcpSender.mjs", [String(port), mode, String(seconds)]);

/**
 * One trial: units per second, and the receiving process's CPU µs per unit (when one Node sender
 * barely outruns a Node receiver, the CPU cost tells the paths apart better than the rate). Each
 * trial starts from a collected heap, so one path's garbage is not another's GC time.
 */
export async function measure(open: () => Promise<Receiver>, startSender: StartSender): Promise<{ perSecond: number; cpuMicros: number }> {
  settledHeap();
  const receiver = await open();
  const sender = startSender(receiver.port, (WARMUP_MS + WINDOW_MS) / 1000 + 0.3);
  await sleep(WARMUP_MS);
  const before = receiver.count();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await sleep(WINDOW_MS);
  const counted = receiver.count() - before;
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (performance.now() - started) / 1000;
  await receiver.close();
  sender.stop();
  await sender.exited;
  return { perSecond: counted / seconds, cpuMicros: (cpu.user + cpu.system) / Math.max(1, counted) };
}

/** Heap growth between the 100,000th and the `total`-th unit received (needs --expose-gc). */
export async function heapOver(open: () => Promise<Receiver>, startSender: StartSender, total: number): Promise<number> {
  const receiver = await open();
  const sender = startSender(receiver.port, 120);
  while (receiver.count() < 100_000) await sleep(20);
  const before = settledHeap();
  while (receiver.count() < total) await sleep(20);
  const after = settledHeap();
  await receiver.close();
  sender.stop();
  await sender.exited;
  return after - before;
}

/** The raw node:dgram baseline: a socket counting 'message' events. */
export async function rawUdpReceiver(): Promise<Receiver> {
  const socket = createSocket("udp4");
  let received = 0;
  socket.on("message", () => received++);
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return { port: socket.address().port, count: () => received, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}

/** A raw node:net server; `onConnection` wires each connection to `add`. */
export async function rawTcpServer(onConnection: (socket: Socket, add: (n: number) => void) => void, options: ServerOpts = {}): Promise<Receiver> {
  let counted = 0;
  const sockets: Socket[] = [];
  const server = createServer(options, (socket) => {
    sockets.push(socket);
    socket.on("error", () => {});
    onConnection(socket, (n) => (counted += n));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    count: () => counted,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The paths in the order trial `trial` runs them: interleaved so drift hits every path alike, and
 * rotated so no path always runs first or last in a trial.
 */
export function trialOrder<T>(paths: readonly T[], trial: number): T[] {
  const start = trial % paths.length;
  return [...paths.slice(start), ...paths.slice(0, start)];
}
