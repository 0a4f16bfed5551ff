// The receive benchmarks' shared harness (dgram, stream, rx): a receiver counts what arrives, a
// sender in a child process feeds it, and each trial measures the rate and the receiving process's
// CPU time per unit over a fixed window after a warm-up.
import { execFileSync, fork, spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { createServer, type ServerOpts, type Socket } from "node:net";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
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
  (mode: "bulk" | "frames" | "prefixed" | "prefixed1k"): StartSender =>
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

/** The raw node:dgram baseline: a socket counting 'message' events (with a kernel buffer of `receiveBuffer` bytes). */
export async function rawUdpReceiver(receiveBuffer?: number): Promise<Receiver> {
  const socket = createSocket("udp4");
  let received = 0;
  socket.on("message", () => received++);
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  if (receiveBuffer !== undefined) socket.setRecvBufferSize(receiveBuffer);
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

/**
 * The C sender of ../shared/bench (c-recvmmsg.c), compiled once into the temp directory, or null
 * when the source or gcc is not there (the drain benchmark is then skipped).
 */
export function cSender(): string | null {
  const source = fileURLToPath(new URL("../../shared/bench/c-recvmmsg.c", import.meta.url));
  if (!existsSync(source)) return null;
  const binary = join(tmpdir(), "wskit-c-recvmmsg");
  try {
    if (!existsSync(binary)) execFileSync("gcc", ["-O2", "-Wall", "-o", binary, source], { stdio: "ignore" });
    return binary;
  } catch {
    return null;
  }
}

/** The C sender (see {@link cSender}) as a StartSender: sendmmsg at full speed to 127.0.0.1. */
export const cUdpSender =
  (binary: string, size: number): StartSender =>
  (port, seconds) => {
    const child = spawn(binary, ["--mode", "send", "--port", String(port), "--size", String(size), "--duration", String(seconds)], { stdio: "ignore" });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    return { exited, stop: () => void child.kill() };
  };

/**
 * SPEC §6's drain: the event loop is blocked while the C sender puts a burst of `burst` datagrams
 * into the receiver's socket (which must hold them: give it 8 MiB), then the receiving process's CPU
 * and wall time per datagram until the receiver has counted all of them. Two bursts warm up.
 * One burst is a few milliseconds: take the median of many, interleaved.
 */
export async function drain(open: () => Promise<Receiver>, sender: string, size: number, burst = 2000): Promise<{ cpuMicros: number; wallMicros: number; lost: number }> {
  // No forced collection here: a full GC makes V8 drop compiled code, and the measured burst would
  // time the JIT warming up again (more for the longer wskit paths than for raw node:dgram).
  const receiver = await open();
  const blast = () => execFileSync(sender, ["--mode", "send", "--port", String(receiver.port), "--count", String(burst), "--size", String(size)], { stdio: "ignore" });
  for (let warm = 1; warm <= 2; warm++) {
    blast();
    for (let i = 0; i < 1_000_000 && receiver.count() < warm * burst; i++) await new Promise((resolve) => setImmediate(resolve));
  }
  const before = receiver.count();
  blast();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < 1_000_000 && receiver.count() - before < burst; i++) await new Promise((resolve) => setImmediate(resolve));
  const cpu = process.cpuUsage(cpuBefore);
  const wall = performance.now() - started;
  const got = receiver.count() - before;
  await receiver.close();
  return { cpuMicros: (cpu.user + cpu.system) / Math.max(1, got), wallMicros: (wall * 1000) / Math.max(1, got), lost: burst - got };
}

/** The C floor of the drain: see {@link cDrainFloor}. */
export interface CDrainFloor {
  /** One trial, as {@link drain} runs it: two bursts to warm up, then the measured one. */
  drain(size: number): Promise<{ cpuMicros: number; lost: number }>;
  close(): void;
}

/**
 * The drain's floor for the same work: a C recvmmsg receiver (configs/cDrainReceiver.c: 64 a call,
 * 2 KiB slots, the sender asked for) draining the same bursts from the same C sender, in its own
 * process; null where gcc is missing. The C sender's `--mode drain` sends and drains in one process
 * with the cache hot, a ceiling for a different workload.
 */
export async function cDrainFloor(sender: string, burst = 2000): Promise<CDrainFloor | null> {
  const binary = join(tmpdir(), `wskit-c-drain-receiver-${process.pid}`);
  try {
    execFileSync("gcc", ["-O2", "-Wall", "-o", binary, fileURLToPath(new URL("./cDrainReceiver.c", import.meta.url))], { stdio: "ignore" });
  } catch {
    return null;
  }
  const child = spawn(binary, [String(burst)], { stdio: ["pipe", "pipe", "ignore"] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async () => {
    const line = await lines.next();
    if (line.done === true) throw new Error("the C drain receiver ended");
    return line.value;
  };
  const port = String(Number(await nextLine()));
  const once = async (size: number) => {
    execFileSync(sender, ["--mode", "send", "--port", port, "--count", String(burst), "--size", String(size)], { stdio: "ignore" });
    child.stdin.write("\n");
    const [received, cpuMicros] = (await nextLine()).split(" ").map(Number);
    return { cpuMicros: cpuMicros ?? NaN, lost: burst - (received ?? 0) };
  };
  return {
    async drain(size) {
      await once(size);
      await once(size);
      return once(size);
    },
    close() {
      child.stdin.end();
      rmSync(binary, { force: true });
    },
  };
}

/** The kernel's drop count of the UDP socket bound to 127.0.0.1:`port` (its /proc/net/udp row), or null where there is none. */
export function kernelDrops(port: number): number | null {
  try {
    const wanted = `0100007F:${port.toString(16).toUpperCase().padStart(4, "0")}`;
    for (const line of readFileSync("/proc/net/udp", "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[1] === wanted) return Number(fields[12]);
    }
  } catch {
    // not Linux
  }
  return null;
}

/**
 * SPEC §6's sustained form: the C sender at full speed for `seconds` while the receiver counts;
 * delivered per second, the receiving process's CPU per datagram, and the kernel's drops.
 */
export async function sustained(open: () => Promise<Receiver>, sender: string, size: number, seconds = 2): Promise<{ perSecond: number; cpuMicros: number; kernelDrops: number | null; sent: number }> {
  const receiver = await open();
  const dropsBefore = kernelDrops(receiver.port);
  const child = spawn(sender, ["--mode", "send", "--port", String(receiver.port), "--size", String(size), "--duration", String(seconds)], { stdio: ["ignore", "pipe", "ignore"] });
  let report = "";
  child.stdout.on("data", (chunk: Buffer) => (report += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const before = receiver.count();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await exited;
  await sleep(50); // what is in the socket still arrives
  const cpu = process.cpuUsage(cpuBefore);
  const elapsed = (performance.now() - started) / 1000;
  const counted = receiver.count() - before;
  const dropsAfter = kernelDrops(receiver.port);
  await receiver.close();
  const sent = Number((JSON.parse(report || "{}") as { sent?: number }).sent ?? 0);
  return {
    perSecond: counted / elapsed,
    cpuMicros: (cpu.user + cpu.system) / Math.max(1, counted),
    kernelDrops: dropsBefore === null || dropsAfter === null ? null : dropsAfter - dropsBefore,
    sent,
  };
}
